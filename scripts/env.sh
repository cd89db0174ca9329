# Sourced by the scripts: puts cargo on PATH and Cargo's target dir where runs can reuse it.
# The target dir lives outside the checkout, so a fresh clone (as CI makes) reuses the last
# build on the same machine instead of compiling Tauri from scratch.
if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/salesplan-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
