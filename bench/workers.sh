#!/usr/bin/env bash
# Workers: CASES cases against `assay mock-server` answering after LATENCY_MS, cache off, run
#   (a) by one process at CONCURRENCY, and
#   (b) queued and drained by WORKERS `assay worker` processes on this machine, each at CONCURRENCY,
#   (c) as (b) with a budget (max_cost) too high to be reached: every request is reserved and settled
#       in the store's ledger that the workers share,
# on a SQLite store and on a PostgreSQL store (a throwaway cluster from scripts/postgres.sh).
# Prints each wall time (the whole command) next to its ideal (cases x latency / calls in flight)
# and the results stored per second.
# Figures only: nothing is asserted.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cases="${CASES:-100000}"
concurrency="${CONCURRENCY:-64}"
latency_ms="${LATENCY_MS:-50}"
workers="${WORKERS:-4}"
stores="${STORES:-sqlite postgres}"

# shellcheck source=bench/assay-binary.sh
source bench/assay-binary.sh
root="$(pwd)"

work="$(mktemp -d)"
server_pid=""
worker_pids=()
cleanup() {
  for pid in "${worker_pids[@]:-}"; do [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; done
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [[ -n "${pg:-}" ]]; then "$root/scripts/postgres.sh" stop "$pg" || true; rm -rf "$pg"; fi
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/mock-server.sh
source bench/mock-server.sh

mkdir -p "$work/project" "$work/config"
printf '[{"name": "local", "type": "OPENAI", "model": "bench", "base_url": "%s"},
  {"name": "priced", "type": "OPENAI", "model": "bench", "base_url": "%s", "price": {"input": 0.15, "output": 0.6}}]\n' \
  "$base_url" "$base_url" >"$work/project/models.json"
python3 - "$cases" >"$work/project/cases.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"id": f"c{i}", "input": f"question number {i} about the benchmark", "expected": f"answer {i}"}))
PY
printf '{{ input }}' >"$work/project/prompt.txt"
export XDG_CONFIG_HOME="$work/config" NO_COLOR=1
cd "$work/project"

# Times a command (wall clock, the whole process: start-up, loading the suite, queueing included).
timed() { # label, ideal seconds, command...
  local label="$1" ideal="$2"
  shift 2
  local started ended
  started="$(date +%s.%N)"
  "$@" >"$work/last.out"
  ended="$(date +%s.%N)"
  python3 -c '
import sys
label, ideal, started, ended, cases = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
seconds = ended - started
against = f"ideal {ideal:7.2f} s   ideal/achieved {ideal / seconds:5.3f}" if ideal > 0 else " " * 41
print(f"  {label:<28} {seconds:8.2f} s   {against}   {cases / seconds:8.0f} results/s")
' "$label" "$ideal" "$started" "$ended" "$cases"
}

for store in $stores; do
  if [[ "$store" == postgres ]]; then
    pg="$(mktemp -d)"  # not under $work: the server's user must be able to reach it
    url="$("$root/scripts/postgres.sh" start "$pg")"
    export ASSAY_STORE="$url"
  else
    export ASSAY_STORE="$work/runs.sqlite"
  fi
  echo "store: $store · $cases cases · latency $latency_ms ms · concurrency $concurrency · cache off"
  # The store's write path alone: score() stores a result per case without calling a model.
  timed "score(), no model: writes" 0 "$assay" -c 'score(load("cases.jsonl"), output: "input", metrics: ["exact"])/counts'
  one_ideal="$(python3 -c "print($cases * $latency_ms / 1000 / $concurrency)")"
  timed "one process" "$one_ideal" \
    "$assay" -c 'run(load("cases.jsonl"), template: "{{ input }}", model: "local", metrics: ["exact"], concurrency: '"$concurrency"', cache: false)/counts'
  grep -q "finished: $cases" "$work/last.out" || { echo "the run did not finish: $(cat "$work/last.out")" >&2; exit 1; }
  worker_pids=()
  for _ in $(seq 1 "$workers"); do
    "$assay" worker --concurrency "$concurrency" >>"$work/workers.log" 2>&1 &
    worker_pids+=($!)
  done
  many_ideal="$(python3 -c "print($cases * $latency_ms / 1000 / ($concurrency * $workers))")"
  timed "$workers workers (queued)" "$many_ideal" \
    "$assay" -c 'run(load("cases.jsonl"), template: "{{ input }}", model: "local", metrics: ["exact"], cache: false, queue: true)/counts'
  grep -q "finished: $cases" "$work/last.out" || { echo "the queued run did not finish: $(cat "$work/last.out")" >&2; exit 1; }
  timed "$workers workers, max_cost" "$many_ideal" \
    "$assay" -c 'run(load("cases.jsonl"), template: "{{ input }}", model: "priced", metrics: ["exact"], cache: false, queue: true, max_cost: 1000000)/counts'
  grep -q "finished: $cases" "$work/last.out" || { echo "the budgeted run did not finish: $(cat "$work/last.out")" >&2; exit 1; }
  for pid in "${worker_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  worker_pids=()
done
echo "machine load: $(uptime | sed 's/.*load average/load average/')"
