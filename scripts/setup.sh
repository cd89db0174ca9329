#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build, run and test Sales Plan Studio.
# Idempotent: each step is skipped when its result is already present.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev
  libjavascriptcoregtk-4.1-dev libxdo-dev libssl-dev build-essential file pkg-config curl
  webkit2gtk-driver xvfb xauth openbox imagemagick xdotool fonts-noto-cjk dbus-x11
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing apt packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; installing the Rust toolchain from the distribution"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq cargo rustc
fi
# The workspace needs Rust 1.89 or newer (see Cargo.toml rust-version); say so plainly rather
# than fail deep inside a build.
rust_minor=$(rustc --version | sed -E 's/^rustc 1\.([0-9]+).*/\1/')
if [ "${rust_minor:-0}" -lt 89 ]; then
  echo "setup: $(rustc --version) is too old; Sales Plan Studio needs Rust 1.89 or newer (install it with rustup)" >&2
  exit 1
fi
# The test command lints with clippy; rustup toolchains may lack the component.
if ! cargo clippy --version >/dev/null 2>&1 && command -v rustup >/dev/null 2>&1; then
  echo "setup: adding the clippy component"
  rustup component add clippy
fi
if ! command -v node >/dev/null 2>&1; then
  echo "setup: node not found; installing Node.js from Debian"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm
fi

# The UI's build tools (Vite 8) need Node.js 20.19 or newer; say so plainly rather than fail
# inside the build. (Debian 12's own nodejs is 18.)
node_version=$(node --version | sed 's/^v//')
if ! printf '20.19.0\n%s\n' "$node_version" | sort -V -C; then
  echo "setup: Node.js $node_version is too old; the UI needs Node.js 20.19 or newer" >&2
  exit 1
fi

# tauri-driver bridges WebDriver clients to WebKitWebDriver for the end-to-end tests.
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi

# UI packages, from the lock file.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup: installing UI packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
