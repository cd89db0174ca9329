//! Integration tests of the planning engine, one binary with a module per engine module.
//! Run with `cargo test -p salesplan-core --test engine`.
//!
//! These are the property tests of domain.md §1's invariants: every allocation and every
//! phasing level sums exactly to its parent at the minor unit, results are deterministic,
//! locked members keep their values, and bad weights give findings, never panics.

mod allocation;
mod breakdown;
mod phasing;
mod rfm;
