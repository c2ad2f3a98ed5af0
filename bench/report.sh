#!/usr/bin/env bash
# The HTML report at scale: for each size in SIZES (default 1000 and 10000 cases), a run of the
# `perfect` mock with exact and ROUGE over a generated suite, then `assay report` of it and of its
# comparison with a `noisy` run. Prints the time to write each report, its size, and the time a
# headless chromium takes to load it and draw the case table (bench/report_load.py, with the test
# venv's selenium when .venv exists; skipped otherwise). Figures only: nothing is asserted.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
sizes="${SIZES:-1000 10000}"

# shellcheck source=bench/assay-binary.sh
source bench/assay-binary.sh
python="${BENCH_PYTHON:-.venv/bin/python}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ASSAY_HOME="$work/home" XDG_CONFIG_HOME="$work/config"

now() { date +%s.%N; }
printf '%-8s %-11s %10s %10s %10s\n' cases report write_s size_mb load_s
for size in $sizes; do
  project="$work/p$size"
  mkdir -p "$project"
  python3 - "$size" >"$project/cases.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    words = " ".join(["the", "customer", "asked", "for", "soup", "and", "bread"] * (1 + i % 5))
    print(json.dumps({"id": f"c{i:05d}", "input": f"order {i}: {words}", "expected": f"soup and bread for table {i % 40}"}))
PY
  (cd "$project" && "$assay" -c '
suite = load("cases.jsonl")
a = run(suite, template: "Take the order: {{ input }}", model: "perfect", metrics: ["exact", "rouge"], concurrency: 64)
b = run(suite, template: "Take the order: {{ input }}", model: "noisy", metrics: ["exact", "rouge"], concurrency: 64)
' >/dev/null)
  for kind in run comparison; do
    args=(-2); [[ "$kind" == comparison ]] && args=(-2 --vs -1)
    start="$(now)"
    (cd "$project" && "$assay" report "${args[@]}" -o "$kind.html" >/dev/null)
    seconds="$(echo "$(now) - $start" | bc -l)"
    bytes="$(stat -c %s "$project/$kind.html")"
    load="-"
    if [[ -x "$python" ]] && "$python" -c 'import selenium' 2>/dev/null; then
      load="$("$python" bench/report_load.py "$project/$kind.html")"
    fi
    printf '%-8s %-11s %10.3f %10.2f %10s\n' "$size" "$kind" "$seconds" "$(echo "$bytes / 1048576" | bc -l)" "$load"
  done
done
