//! Integration tests of `c2a-verify`, in one binary: the command's contract, the committed
//! corpus (`openapi/recordings/`) replayed and masked, the docs corpus written from its
//! table, and divergent recordings reported. Refresh the snapshots (`REPORT.md`, the docs
//! recordings) with `UPDATE_EXPECT=1 cargo test -p c2a-verify --test it`.

mod attempts;
mod cli;
mod corpus;
mod docs_corpus;
mod drift;
mod masking;
mod spec_rules;
mod urls;
