//! The generator's snapshot outputs (`generator/tests/snapshots/*.rs`, written by
//! `generator/tests/it/snapshots.rs`) compiled as one ordinary crate against the real
//! runtime, `c2a-runtime`, one module per snapshot, as progenitor compiles its own expected
//! outputs. A pass that emits code the runtime does not accept fails to build here; the
//! checks in `checks/` run the compiled code.
//!
//! Each snapshot is a self-contained module: it names the runtime by its crate path and
//! its own items relative to itself, so the five live side by side.

#[rustfmt::skip]
#[path = "../../snapshots/envelopes_codes.rs"]
pub mod envelopes_codes;
#[rustfmt::skip]
#[path = "../../snapshots/minimal.rs"]
pub mod minimal;
#[rustfmt::skip]
#[path = "../../snapshots/money_redaction.rs"]
pub mod money_redaction;
#[rustfmt::skip]
#[path = "../../snapshots/open_enums.rs"]
pub mod open_enums;
#[rustfmt::skip]
#[path = "../../snapshots/waiters_decisions.rs"]
pub mod waiters_decisions;

#[cfg(test)]
mod checks;
