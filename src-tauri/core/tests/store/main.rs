//! Integration tests of the plan file store (file-format.md), one binary with a module per
//! concern. Run with `cargo test -p salesplan-core --test store`.
//!
//! Some tests re-run this binary as a child process (`--exact <test> --ignored`), to kill it at
//! random points (crash safety) or to run as an unprivileged user (permission checks when the
//! suite runs as root). Those child tests are `#[ignore]` and do nothing unless the parent set
//! their environment variable, so `cargo test -- --ignored` stays harmless.

mod common;
mod crash;
mod dimensions;
mod faults;
mod fixture;
mod media;
mod props;
mod props_drivers;
mod props_support;
mod reasons;
mod recovery;
mod save;
