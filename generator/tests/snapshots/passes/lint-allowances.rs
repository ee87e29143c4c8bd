// The `lint-allowances` pass on fixtures/minimal.yaml: what it added, changed or removed.

// file attributes, now:
#![allow(
    missing_docs,
    unused_imports,
    unreachable_pub,
    rust_2018_idioms,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
