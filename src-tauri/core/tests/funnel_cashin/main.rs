//! Integration tests of the funnel and cash-in engines (domain.md §1), one binary with a module
//! per engine module. Run with `cargo test -p salesplan-core --test funnel_cashin`.
//!
//! These are property tests: the golden worked examples live beside the code; here arbitrary
//! drivers (zero, negative and out-of-range ones included) check what must always hold.

mod cashin;
mod common;
mod funnel;
