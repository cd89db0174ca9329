#!/usr/bin/env bash
# Installs what is missing, then runs every test: core and CLI (unit, integration, property),
# the bindings freshness check, the UI type check and build, and the end-to-end suite in the
# real app under Xvfb. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
. scripts/env.sh

step() { printf '\n==> %s\n' "$*"; }

step "architecture invariants"
./scripts/check-invariants.sh

step "formatting"
cargo fmt --all --check

step "lints (clippy, warnings are errors) of the core and the CLI"
if cargo clippy --version >/dev/null 2>&1; then
  cargo clippy -p salesplan-core -p salesplan-cli --all-targets -- -D warnings
else
  echo "clippy is not installed (a toolchain without rustup): lints NOT run"
fi

step "core and CLI tests"
cargo test -p salesplan-core -p salesplan-cli

step "TypeScript bindings are up to date"
./scripts/check-bindings.sh

step "end-to-end tests in the real app"
./scripts/test-e2e.sh
