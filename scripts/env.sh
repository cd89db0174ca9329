# Sourced by the scripts: puts cargo on PATH and Cargo's target dir where runs can reuse it.
# The target dir lives outside the checkout, so a fresh clone (as CI makes) reuses the last
# build on the same machine instead of compiling Tauri from scratch.
# Caution when two checkouts share it: Cargo keys a workspace crate's build by its name, not
# its folder, and judges it fresh by the files of the checkout that built it last. A fresh
# clone's files are newer than any build, so the clone rebuilds; but the older checkout may
# then run the clone's build of its crates. Touch its sources (or give each checkout its own
# CARGO_TARGET_DIR) after building another checkout.
if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/salesplan-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
