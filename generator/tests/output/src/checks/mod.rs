//! Checks of the compiled snapshots, one module per snapshot.

mod envelopes_codes;
mod http;
mod money_redaction;
mod open_enums;
mod waiters_decisions;
