#!/usr/bin/env bash
# Regenerates the ts-rs bindings and fails when the committed ones differ (stale bindings).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
rm -rf ui/src/bindings.check && cp -r ui/src/bindings ui/src/bindings.check
rm -rf ui/src/bindings
cargo test -q -p salesplan-core export_bindings >/dev/null
if ! diff -r ui/src/bindings.check ui/src/bindings; then
  rm -rf ui/src/bindings.check
  echo "check-bindings: ui/src/bindings is stale; run 'cargo test -p salesplan-core export_bindings' and commit the result" >&2
  exit 1
fi
rm -rf ui/src/bindings.check
echo "check-bindings: ui/src/bindings matches the Rust types"
