#!/usr/bin/env bash
# Times `salesplan rfm` against pandas and polars doing the same RFM on the same orders file,
# in the same run: a deterministic 3,000,000-row CSV (~100k customers, order lines, refunds,
# rows without order id). Checks that the three agree on R, F and M for every customer, then
# prints each time (whole process, best of RUNS), peak memory and the ratios.
#
#   scripts/bench-rfm.sh [ROWS]      ROWS defaults to 3000000; RUNS=3 by default
#
# pandas and polars are installed from PyPI into a venv under the Cargo target dir. The rules
# they follow are written out in scripts/bench_rfm.py.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
rows="${1:-3000000}"
runs="${RUNS:-3}"
work="$CARGO_TARGET_DIR/rfm-bench"
venv="$CARGO_TARGET_DIR/rfm-bench-venv"
mkdir -p "$work"

echo "== build (release) and Python venv"
cargo build -q --release -p salesplan-cli
cli="$CARGO_TARGET_DIR/release/salesplan"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install -q --disable-pip-version-check pandas polars
py="$venv/bin/python"
"$py" -c 'import pandas, polars; print(f"pandas {pandas.__version__}, polars {polars.__version__}")'

orders="$work/orders-$rows.csv"
if [ ! -s "$orders" ]; then
  echo "== generate $orders"
  "$py" scripts/bench_rfm.py generate "$orders.tmp" "$rows"
  mv "$orders.tmp" "$orders"
fi
echo "orders: $(du -h "$orders" | cut -f1), $(nproc) cores"

# best_of NAME CMD...: runs CMD $runs times, output to $work/NAME.csv; keeps the best wall time
# (seconds) and the peak RSS (MB) of that run in $best_s / $best_mb.
best_of() {
  local name="$1"; shift
  best_s=""; best_mb=""
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >"$work/$name.csv" 2>"$work/$name.err" || {
      cat "$work/$name.err" >&2; echo "$name failed" >&2; exit 1; }
    read -r s kb <"$work/$name.time"
    if [ -z "$best_s" ] || awk -v a="$s" -v b="$best_s" 'BEGIN{exit !(a<b)}'; then
      best_s="$s"; best_mb=$((kb / 1024))
    fi
  done
}

echo "== run (whole process, best of $runs)"
best_of rust "$cli" rfm --csv "$orders"; rust_s="$best_s"; rust_mb="$best_mb"
best_of polars "$py" scripts/bench_rfm.py polars "$orders" /dev/stdout; polars_s="$best_s"; polars_mb="$best_mb"
best_of pandas "$py" scripts/bench_rfm.py pandas "$orders" /dev/stdout; pandas_s="$best_s"; pandas_mb="$best_mb"

echo "== results ($rows rows)"
printf '%-22s %8s s %7s MB peak RSS\n' "salesplan rfm (Rust)" "$rust_s" "$rust_mb" \
  "polars" "$polars_s" "$polars_mb" "pandas" "$pandas_s" "$pandas_mb"
awk -v r="$rust_s" -v pl="$polars_s" -v pd="$pandas_s" 'BEGIN {
  printf "polars / rust = %.1fx   (goal: above 1)\n", pl / r
  printf "pandas / rust = %.1fx   (goal: at least 10)\n", pd / r
}'

echo "== check: the three agree"
"$py" scripts/bench_rfm.py compare "$work/rust.csv" "$work/pandas.csv" "$work/polars.csv"  # exits 1 on a difference

