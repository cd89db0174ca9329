#!/usr/bin/env bash
# End-to-end tests: builds the UI, the app (serving the built UI) and the CLI, then drives the
# real app through tauri-driver + WebKitWebDriver under Xvfb with openbox as window manager.
# Screenshots of every screen land in artifacts/e2e/<test>/.
#
#   scripts/test-e2e.sh                 # all tests
#   scripts/test-e2e.sh undo_redo       # extra arguments go to the test binary (filters etc.)
#
# Tests run one at a time (--test-threads=1): one app owns the display and the keyboard.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
. scripts/env.sh

echo "test-e2e: building the UI"
(cd ui && npm run build)

echo "test-e2e: building the app (custom-protocol: it loads ui/dist, not a dev server) and the CLI"
cargo build -p salesplan-studio --features custom-protocol
cargo build -p salesplan-cli

echo "test-e2e: building the test binary"
cargo test -p salesplan-tests --test e2e --no-run

export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || { echo "test-e2e: tauri-driver missing: cargo install tauri-driver --locked" >&2; exit 1; }
[ -x /usr/bin/WebKitWebDriver ] || { echo "test-e2e: WebKitWebDriver missing: apt-get install webkit2gtk-driver" >&2; exit 1; }

mkdir -p "$ROOT/artifacts/e2e"
# Inside the Xvfb session: a window manager (focus, full-screen, dialogs stacked like on a
# desktop), then the tests. openbox is ended when the tests are done.
wrapper="$(mktemp)"
trap 'rm -f "$wrapper"' EXIT
cat >"$wrapper" <<'INNER'
#!/usr/bin/env bash
openbox >/dev/null 2>&1 &
wm=$!
sleep 0.5
status=0
cargo test -p salesplan-tests --test e2e -- --test-threads=1 "$@" || status=$?
kill -TERM "$wm" 2>/dev/null || true
exit $status
INNER
chmod +x "$wrapper"

echo "test-e2e: running under xvfb-run"
status=0
xvfb-run -a -s "-screen 0 1280x800x24" "$wrapper" "$@" || status=$?
echo "test-e2e: screenshots in $ROOT/artifacts/e2e/"
exit $status
