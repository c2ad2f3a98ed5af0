#!/usr/bin/env bash
# Run throughput: CASES cases at CONCURRENCY calls in flight against `assay mock-server` answering
# after LATENCY_MS, with the response cache off and METRICS scored (a list in the language,
# `["exact"]` unless given). Prints the achieved time next to the ideal (cases × latency /
# concurrency), their ratio, the client's CPU time per case and its peak memory.
# Figures only: nothing is asserted.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cases="${CASES:-5000}"
concurrency="${CONCURRENCY:-64}"
latency_ms="${LATENCY_MS:-50}"
metrics="${METRICS:-[\"exact\"]}"

# shellcheck source=bench/assay-binary.sh
source bench/assay-binary.sh

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/mock-server.sh
source bench/mock-server.sh

mkdir -p "$work/project" "$work/home" "$work/config"
printf '[{"name": "local", "type": "OPENAI", "model": "bench", "base_url": "%s"}]\n' "$base_url" >"$work/project/models.json"
python3 - "$cases" >"$work/project/cases.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"id": f"c{i}", "input": f"question number {i} about the benchmark", "expected": f"answer {i}"}))
PY

export ASSAY_HOME="$work/home" XDG_CONFIG_HOME="$work/config" NO_COLOR=1
cd "$work/project"
# Start-up and loading the suite alone, to tell them from the run. Wall, user and system
# seconds, and the peak resident memory in KB.
/usr/bin/time -o "$work/baseline.time" -f '%e %U %S %M' "$assay" -c 'len(load("cases.jsonl"))' >/dev/null
code="r = run(load(\"cases.jsonl\"), template: \"{{ input }}\", model: \"local\", concurrency: $concurrency, retries: 0, cache: false, metrics: $metrics); r/counts"
/usr/bin/time -o "$work/run.time" -f '%e %U %S %M' "$assay" -c "$code" >"$work/run.out"
requests="$(curl -s "${base_url%/v1}/stats" | python3 -c 'import json, sys; print(json.load(sys.stdin)["requests_total"])' 2>/dev/null || echo '?')"

python3 - "$cases" "$concurrency" "$latency_ms" "$work/home/runs.sqlite" "$work/baseline.time" "$work/run.time" "$work/run.out" "$requests" "$metrics" <<'PY'
import sqlite3, sys
from datetime import datetime
cases, concurrency, latency_ms = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
store, baseline_file, run_file, out_file, requests = sys.argv[4:9]
base_real, base_user, base_sys, base_peak = map(float, open(baseline_file).read().split()[-4:])
real, user, system, peak = map(float, open(run_file).read().split()[-4:])
row = sqlite3.connect(store).execute(
    "SELECT created_at, finished_at, finished_count, ok_count, status FROM runs ORDER BY created_at DESC LIMIT 1").fetchone()
parse = lambda text: datetime.fromisoformat(text.replace(" ", "T"))
run_seconds = (parse(row[1]) - parse(row[0])).total_seconds()
ideal = cases * latency_ms / 1000 / concurrency
print(f"cases {cases}, concurrency {concurrency}, latency {latency_ms} ms, cache off, metrics {sys.argv[9]}")
print(f"run status {row[4]}: {row[2]} results, {row[3]} ok; the server saw {requests} requests")
print(f"ideal time (cases x latency / concurrency)  {ideal:8.3f} s")
print(f"achieved, run (created -> finished)        {run_seconds:8.3f} s   ideal/achieved {ideal / run_seconds:5.3f}")
print(f"achieved, whole process                    {real:8.3f} s   ideal/achieved {ideal / real:5.3f}")
print(f"start-up and loading the suite alone       {base_real:8.3f} s")
cpu = user + system
print(f"client CPU time: {cpu:.3f} s ({user:.3f} user + {system:.3f} sys) = {cpu / cases * 1e6:.0f} us per case")
print(f"  without start-up and loading ({base_user + base_sys:.3f} s): {(cpu - base_user - base_sys) / cases * 1e6:.0f} us per case")
print(f"peak memory: {peak / 1024:.0f} MB (start-up and loading the suite alone: {base_peak / 1024:.0f} MB)")
if ideal > 0:
    print(f"ideal/achieved (run): {ideal / run_seconds:.3f}; within 5% of the ideal:", "yes" if ideal / run_seconds >= 1 / 1.05 else "no")
PY
