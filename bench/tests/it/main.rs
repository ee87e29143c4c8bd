//! The benchmark crate's tests: one binary, a module per concern.

mod payloads;
mod scale;
mod waits;
