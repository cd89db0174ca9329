#!/usr/bin/env bash
# Measures what users feel: app start-up (process start → the UI's first call for the plan),
# memory of the app's processes, and plan file open/save through the CLI; then runs the
# criterion benchmarks of the engine and the store. Figures go to stdout (and the notes).
# --no-build measures the release binaries already built.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
if [ "${1:-}" != "--no-build" ]; then
  ./scripts/setup.sh
  (cd ui && npm run build >/dev/null)
  cargo build -q --release -p salesplan-studio -p salesplan-cli
fi
app="$CARGO_TARGET_DIR/release/salesplan-studio"
cli="$CARGO_TARGET_DIR/release/salesplan"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== start-up and memory (release build, Xvfb, 5 runs)"
cat >"$work/probe.sh" <<INNER
#!/usr/bin/env bash
for i in 1 2 3 4 5; do
  SALESPLAN_STARTUP_PROBE=1 SALESPLAN_DATA_DIR="$work/data\$i" "$app" samples/q4-growth.salesplan 2>"$work/err\$i" &
  pid=\$!
  for t in \$(seq 1 100); do grep -q startup-probe "$work/err\$i" && break; sleep 0.1; done
  sleep 2
  grep -h startup-probe "$work/err\$i" || echo "startup-probe: no answer"
  pids="\$pid \$(pgrep -f WebKitWebProcess | tr '\n' ' ') \$(pgrep -f WebKitNetworkProcess | tr '\n' ' ')"
  rss=0; pss=0
  for p in \$pids; do
    [ -r /proc/\$p/smaps_rollup ] || continue
    rss=\$((rss + \$(awk '/^Rss:/{print \$2}' /proc/\$p/smaps_rollup)))
    pss=\$((pss + \$(awk '/^Pss:/{print \$2}' /proc/\$p/smaps_rollup)))
  done
  echo "memory: app + WebKit processes RSS \$((rss/1024)) MB, PSS \$((pss/1024)) MB"
  kill -TERM \$pid; wait \$pid 2>/dev/null || true
done
INNER
chmod +x "$work/probe.sh"
xvfb-run -a -s "-screen 0 1280x800x24" "$work/probe.sh"

echo "== plan file open and save (CLI, release, 20 runs each)"
"$cli" new --template q4-growth "$work/plan.salesplan" >/dev/null
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
open_t=(); save_t=()
for i in $(seq 1 20); do
  open_t+=("$(time_ms "$cli" info "$work/plan.salesplan")")
  "$cli" export "$work/plan.salesplan" -o "$work/plan.json"
  save_t+=("$(time_ms "$cli" import "$work/plan.json" -o "$work/plan.salesplan")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
echo "open (salesplan info, whole process): median $(median "${open_t[@]}") ms"
echo "save (salesplan import → atomic verified save, whole process): median $(median "${save_t[@]}") ms"

echo "== criterion: engine and store"
cargo bench -p salesplan-core --bench core -- --warm-up-time 1 --measurement-time 3 2>&1 | grep -E "^[a-z_/ ]+time:|time:" || true

echo "== criterion: a plan with 1,000,000 orders (evaluate first/cached, open, save, recording an edit)"
cargo bench -p salesplan-core --bench orders -- --warm-up-time 1 --measurement-time 5 2>&1 | grep -E "^plan file|time:" || true
