#!/usr/bin/env bash
# Installs what is missing, builds the UI and the app, and starts it on the bundled sample plan
# "Q4 sales +30 %" (pass another .salesplan file as the first argument to open that instead).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
. scripts/env.sh
(cd ui && npm run build)
cargo build -p salesplan-studio
plan="${1:-samples/q4-growth.salesplan}"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found; starting the app inside Xvfb (screenshots: import -display \$DISPLAY -window root shot.png)"
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$CARGO_TARGET_DIR/debug/salesplan-studio" "$plan"
fi
exec "$CARGO_TARGET_DIR/debug/salesplan-studio" "$plan"
