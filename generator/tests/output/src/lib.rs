//! The generator's expected outputs, one module per fixture (`src/<fixture>.rs`, written by
//! the snapshot tests in `generator/tests/it/`), compiled as one ordinary crate against the
//! real runtime, `c2a-runtime`, as progenitor compiles its own expected outputs. A pass that
//! emits code the runtime does not accept fails to build here; the checks in `checks/` run
//! the compiled code.
//!
//! Each snapshot is a self-contained module: it names the runtime by its crate path and
//! its own items relative to itself, so the five live side by side.
//!
//! They are the generator's output byte for byte, so their first line is the header every
//! generated file carries, naming `cargo xtask codegen`; these files are rewritten instead
//! with `UPDATE_EXPECT=1 cargo test -p generator --test it`, and never edited by hand.

#[rustfmt::skip]
pub mod envelopes_codes;
#[rustfmt::skip]
pub mod minimal;
#[rustfmt::skip]
pub mod money_redaction;
#[rustfmt::skip]
pub mod open_enums;
#[rustfmt::skip]
pub mod waiters_decisions;

#[cfg(test)]
mod checks;
