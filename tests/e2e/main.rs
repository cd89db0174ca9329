//! End-to-end tests of Sales Plan Studio: the real app binary in a real WebKit window, driven
//! through tauri-driver + WebKitWebDriver with fantoccini.
//!
//! Run them with `scripts/test-e2e.sh` (builds the UI and the app, then runs this binary under
//! Xvfb + openbox). By hand, after building:
//!
//! ```text
//! xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p salesplan-tests --test e2e -- --test-threads=1
//! ```
//!
//! The tests are serial (one app at a time): `--test-threads=1`, and a global lock in
//! [`harness::TestCtx::new`] as a second line of defence. Every screen a test visits is saved
//! as a PNG in `artifacts/e2e/<test>/`; a failing wait saves `NN-FAILED.png` too.
//!
//! Environment: `SALESPLAN_APP_BIN` / `SALESPLAN_CLI_BIN` override where the binaries are
//! found (default `$CARGO_TARGET_DIR/debug/…`, else `<repo>/target/debug/…`);
//! `TAURI_DRIVER_BIN` and `WEBKIT_WEBDRIVER` override the drivers.

mod harness;

mod bad_files;
mod baseline_import;
mod dimensions;
mod goals;
mod language;
mod native_dialog;
mod recovery;
mod section1;
mod support;
mod theme;
mod undo;
mod unsaved;
