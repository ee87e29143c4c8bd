//! Integration tests of the C2A sandbox over real HTTP on 127.0.0.1. Every response of every
//! test is checked against `openapi/c2a.yaml` by the harness in `common`.

mod common;

mod auth;
mod bad_input;
mod checkout;
mod conformance;
mod customers;
mod harness;
mod isolation;
mod offers;
mod oversized;
mod paused_clock;
mod payment_methods;
mod retention;
mod server;
mod subscriptions;
