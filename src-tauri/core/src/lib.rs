//! Sales Plan Studio core: the plan model, the planning engine, and the plan file store.
//!
//! This crate knows nothing about Tauri, windows or WebKit. The desktop shell and the
//! `salesplan` CLI are thin faces over it, so every number a user sees is computed here,
//! in `Decimal`, deterministically (time and ids are passed in through [`clock`]).
#![deny(missing_docs)]

pub mod clock;
pub mod compute;
pub mod document;
pub mod edit;
pub mod engine;
pub mod error;
pub mod import;
pub mod json;
pub mod model;
pub mod money;
pub mod prefs;
pub mod store;
pub mod tabular;
pub mod template;
pub mod validate;

#[cfg(test)]
mod test_support;

pub use error::{Error, ErrorCode, Result};
/// Re-exported so faces over the core name the same `Decimal`.
pub use rust_decimal;
