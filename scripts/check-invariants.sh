#!/usr/bin/env bash
# Architecture invariants that a script can check (see ARCHITECTURE.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
fail=0
if cargo tree -p salesplan-core -e normal,build 2>/dev/null | grep -qiE '^[│├└ ─]*(tauri|wry|webkit)'; then
  echo "invariant broken: salesplan-core depends on tauri/wry/webkit" >&2; fail=1
fi
if grep -rn "@tauri-apps/" ui/src --include=*.ts --include=*.svelte | grep -v "^ui/src/ipc/" >/dev/null; then
  echo "invariant broken: only ui/src/ipc may import @tauri-apps/*:" >&2
  grep -rn "@tauri-apps/" ui/src --include=*.ts --include=*.svelte | grep -v "^ui/src/ipc/" >&2; fail=1
fi
if grep -rn "{@html" ui/src --include=*.svelte >/dev/null; then
  echo "invariant broken: plan text must be rendered as text, never {@html}" >&2; fail=1
fi
for cmd in $(grep -oE '"[a-z_]+",' src-tauri/build.rs | tr -d '",'); do
  perm="allow-${cmd//_/-}"
  grep -q "\"$perm\"" src-tauri/capabilities/main.json || { echo "capability misses $perm" >&2; fail=1; }
done
[ $fail -eq 0 ] && echo "check-invariants: ok"
exit $fail
