//! Cross-crate integration and end-to-end tests of Sales Plan Studio.
//!
//! The end-to-end suite is `e2e/main.rs` (one test binary): it drives the real desktop app
//! through tauri-driver and WebKitWebDriver. Run it with `scripts/test-e2e.sh`. This crate does
//! not depend on tauri; it finds the app binary by path.
