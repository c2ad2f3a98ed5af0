#!/usr/bin/env bash
# Million-case suites: generates a seeded suite (bench/scale/generate.py) as JSONL with ids, as
# JSONL without ids (every id a content hash) and as CSV, then prints for each file the load
# time and peak memory of Assay (release build), Python's json line by line (csv.DictReader for
# the CSV), pandas and polars (bench/scale-requirements.txt), with the ratios; then the time of
# filter, map, group, sort and a wildcard path over the loaded JSONL suite; then the summary of
# an N-result run (`score` over the JSONL suite, then `summarize` of that run, three times); then
# the export (JSONL, CSV, JSON), best, worst and compare of N-result runs, each in a process of its
# own, and `history` over a store of 10,000 runs (HISTORY_RUNS); then (step "runs", through
# bench/runs_throughput.sh) a run of N cases against `assay mock-server` answering at once with
# concurrency 256 (wall time, client CPU per request, peak memory), and a run of WIDE_CASES (50,000)
# cases at concurrency 1,000 against a server answering after 200 ms, against its ideal.
#
# Environment: N (cases, 1000000), SEED (20261207), BENCH_VENV (bench/.venv), BENCH_OUT (where
# the suites are written; a new temporary folder, removed afterwards, unless given), BENCH_BIN
# or BENCH_SCRATCH (the binary measured; see assay-binary.sh), READERS (the Python readers,
# "json pandas polars"), STEPS (which parts run, "load operations summary results runs"; the Python
# environment is made only for "load"), HISTORY_RUNS (10000).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n="${N:-1000000}"
seed="${SEED:-20261207}"
readers="${READERS:-json pandas polars}"
steps=" ${STEPS:-load operations summary results runs} "
venv="$(realpath -m "${BENCH_VENV:-bench/.venv}")"
requirements="bench/scale-requirements.txt"

source bench/assay-binary.sh

python=python3
if [[ "$steps" == *" load "* ]]; then
  # shellcheck source=scripts/venv.sh
  source scripts/venv.sh
  assay_venv "$venv" "$requirements"
  python="$venv/bin/python"
fi

if [[ -n "${BENCH_OUT:-}" ]]; then
  out="$BENCH_OUT"
  mkdir -p "$out"
else
  out="$(mktemp -d -t assay-scale.XXXXXX)"
  trap 'rm -rf "$out"' EXIT
fi
out="$(realpath "$out")"
if [[ ! -f "$out/.generated-$n-$seed" ]]; then
  echo "generating $n cases (seed $seed) into $out" >&2
  "$python" bench/scale/generate.py --count "$n" --seed "$seed" --output "$out"
  touch "$out/.generated-$n-$seed"
fi

echo "assay: $assay"
if [[ "$steps" == *" load "* ]]; then
  echo "python: $("$python" -c 'import sys, pandas, polars; print(sys.version.split()[0], "pandas", pandas.__version__, "polars", polars.__version__)')"
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# Runs a command under /usr/bin/time -v; sets `wall` (s) and `peak` (MB: millions of bytes, the
# unit of the files' sizes, so that peak / file compares like with like; time reports KiB) and
# leaves its output in $out/last.
measure() {
  /usr/bin/time -v "$@" >"$out/last" 2>"$out/last.time"
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$out/last.time")"
  peak="$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 * 1024 / 1000000 }' "$out/last.time")"
}

# The time `:time on` reports for the cell (in seconds), from its stderr line `time: 1.2 s`.
cell_seconds() {
  awk '/^time: / { v = $2; u = $3; if (u == "ms") v /= 1000; else if (u == "µs" || u == "us") v /= 1000000; else if (u == "min") v *= 60; printf "%.3f\n", v }'
}

for file in big.jsonl big-hashed.jsonl big.csv; do
  [[ "$steps" == *" load "* ]] || break
  size_mb="$(awk -v b="$(stat -c %s "$out/$file")" 'BEGIN { printf "%.1f", b / 1000000 }')"
  echo
  echo "== $file: $n cases, $size_mb MB"
  printf '%-22s %10s %10s %10s %12s\n' reader "load (s)" "wall (s)" "peak (MB)" "peak / file"
  measure "$assay" -c $':time on\nlen(load("'"$out/$file"'"))'
  count="$(tail -n1 "$out/last" | tr -d '[:space:]')"
  [[ "$count" == "$n" ]] || { echo "assay loaded $count cases, not $n" >&2; cat "$out/last.time" >&2; exit 1; }
  assay_load="$(cell_seconds <"$out/last.time" | tail -n1)"
  printf '%-22s %10s %10s %10s %12s\n' assay "$assay_load" "$wall" "$peak" "$(awk -v p="$peak" -v f="$size_mb" 'BEGIN { printf "%.2f", p / f }')"
  assay_peak="$peak"
  for reader in $readers; do
    [[ "$file" == big-hashed.jsonl && "$reader" != json ]] && continue
    measure "$python" bench/scale/load_python.py "$reader" "$out/$file"
    read -r count seconds <"$out/last"
    [[ "$count" == "$n" ]] || { echo "$reader loaded $count records, not $n" >&2; exit 1; }
    name="$reader"; [[ "$reader" == json && "$file" == *.csv ]] && name="csv.DictReader"
    printf '%-22s %10s %10s %10s %12s   assay is %sx as fast, %sx the memory\n' "$name" "$seconds" "$wall" "$peak" \
      "$(awk -v p="$peak" -v f="$size_mb" 'BEGIN { printf "%.2f", p / f }')" \
      "$(awk -v a="$assay_load" -v b="$seconds" 'BEGIN { printf "%.2f", b / a }')" \
      "$(awk -v a="$assay_peak" -v b="$peak" 'BEGIN { printf "%.2f", a / b }')"
  done
done

cat >"$out/load.assay" <<ASSAY
s = load("$out/big.jsonl")
ASSAY

if [[ "$steps" == *" operations "* ]]; then
  echo
  echo "== operations over the loaded big.jsonl (each its own cell, timed by :time)"
  declare -A operations=(
    [filter]='len(filter(s, c => "urgent" in c/tags))'
    [map]='len(map(s, c => c/expected))'
    [group]='len(group(s, "expected"))'
    [sort]='len(sort(s, "input"))'
    [wildcard]='len(s/*/tags/0)'
    [filter_path]='len(filter(s, "expected"))'
  )
  names=(filter map group sort wildcard filter_path)
  script=$':time on\n:load '"$out/load.assay"
  for name in "${names[@]}"; do
    printf '%s\n' "${operations[$name]}" >"$out/$name.assay"
    script+=$'\n:load '"$out/$name.assay"
  done
  measure "$assay" -c "$script"
  mapfile -t seconds < <(cell_seconds <"$out/last.time")
  printf '%-12s %10s   %s\n' operation "time (s)" expression
  printf '%-12s %10s   %s\n' load "${seconds[0]}" "s = load(\"big.jsonl\")"
  for index in "${!names[@]}"; do
    printf '%-12s %10s   %s\n' "${names[$index]}" "${seconds[$((index + 1))]}" "${operations[${names[$index]}]}"
  done
  echo "(whole process: $wall s, peak $peak MB)"
fi

if [[ "$steps" == *" summary "* ]]; then
  # A run of N results without a model: `score` reads each case's answer from its `input`, so the
  # run has three metric paths over every case: contains and regex (proportions), edit_similarity.
  # `summarize(r)` computes the statistics of the run's results again, from nothing, as a cell of
  # its own; it runs three times. The run goes to a store of its own under $out.
  echo
  echo "== the summary of a run of $n results (each cell timed by :time; the summary three times)"
  metrics='["contains", "edit_similarity", {regex: "refund|invoice"}]'
  script=$':time on\n:load '"$out/load.assay"
  printf '%s\n' "r = score(s, output: \"input\", metrics: $metrics)" >"$out/score.assay"
  printf '%s\n' 'summarize(r)' >"$out/summarize.assay"
  script+=$'\n:load '"$out/score.assay"$'\n:load '"$out/summarize.assay"$'\n:load '"$out/summarize.assay"
  script+=$'\n:load '"$out/summarize.assay"$'\nr/summary'
  rm -rf "$out/home"
  ASSAY_HOME="$out/home" measure "$assay" -c "$script"
  mapfile -t seconds < <(cell_seconds <"$out/last.time")
  printf '%-12s %10s   %s\n' cell "time (s)" expression
  printf '%-12s %10s   %s\n' load "${seconds[0]}" "s = load(\"big.jsonl\")"
  printf '%-12s %10s   %s\n' score "${seconds[1]}" "r = score(s, output: \"input\", metrics: $metrics)"
  for index in 2 3 4; do
    printf '%-12s %10s   %s\n' summarize "${seconds[$index]}" "summarize(r)"
  done
  echo "the last summarize(r):"
  awk '/^metric / { block = ""; on = 1 } on && /^run / { on = 0 } on { block = block "  " $0 "\n" } END { printf "%s", block }' "$out/last"
  echo "r/summary, computed by score when the run stopped and stored with it:"
  echo "  $(tail -n 1 "$out/last")"
  echo "(whole process: $wall s, peak $peak MB; load afterwards $(cut -d' ' -f1-3 /proc/loadavg))"
fi

if [[ "$steps" == *" results "* ]]; then
  # Two runs of N results without a model, as in the summary above (the second scores `expected`
  # as the answer, so the runs differ), in a store of their own; then each reading of them in a
  # process of its own, the runs named by id as a user names them.
  echo
  echo "== reading the results of runs of $n results (each a process of its own: wall time and peak memory)"
  metrics='["contains", "edit_similarity", {regex: "refund|invoice"}]'
  home="$out/results-home"
  rm -rf "$home"
  script=$':load '"$out/load.assay"
  script+=$'\nr = score(s, output: "input", metrics: '"$metrics"$')\nq = score(s, output: "expected", metrics: '"$metrics"$')'
  script+=$'\nprint(r/id)\nprint(q/id)'
  ASSAY_HOME="$home" measure "$assay" -c "$script"
  first="$(tail -n 2 "$out/last" | head -n 1 | tr -d '"[:space:]')"
  second="$(tail -n 1 "$out/last" | tr -d '"[:space:]')"
  echo "(two runs made: $wall s, peak $peak MB)"
  printf '%-22s %10s %10s   %s\n' reading "wall (s)" "peak (MB)" command
  reading() {
    local name="$1"
    shift
    ASSAY_HOME="$home" measure "$@"
    printf '%-22s %10s %10s   %s\n' "$name" "$wall" "$peak" "${*:2}"
  }
  first="${first:0:8}"; second="${second:0:8}"
  reading "export jsonl" "$assay" export "$first" --output "$out/run.jsonl"
  reading "export csv" "$assay" export "$first" --format csv --output "$out/run.csv"
  reading "export json" "$assay" export "$first" --format json --output "$out/run.json"
  ls -l "$out/run.jsonl" "$out/run.csv" "$out/run.json" | awk '{ printf "  %s: %.1f MB\n", $NF, $5 / 1000000 }'
  rm -f "$out/run.jsonl" "$out/run.csv" "$out/run.json"
  reading "best 5" "$assay" -c "len(best(\"$first\", \"edit_similarity\", 5))"
  reading "worst 5" "$assay" -c "len(worst(\"$first\", \"edit_similarity\", 5))"
  reading "compare" "$assay" -c "compare(\"$first\", \"$second\")/paired"
  reading "export (session)" "$assay" -c "export(\"$first\", \"$out/session.jsonl\")"
  rm -f "$out/session.jsonl"
  echo "(load afterwards $(cut -d' ' -f1-3 /proc/loadavg))"

  # History: a store of HISTORY_RUNS runs (one run of 10 cases, its row copied with new ids and
  # times by Python's sqlite3), listed by `assay history` (the whole process) and by history(20)
  # in a cell timed by :time.
  runs="${HISTORY_RUNS:-10000}"
  echo
  echo "== history over $runs runs"
  home="$out/history-home"
  rm -rf "$home"
  head -n 10 "$out/big.jsonl" >"$out/small.jsonl"
  ASSAY_HOME="$home" measure "$assay" -c "score(load(\"$out/small.jsonl\"), output: \"input\", metrics: $metrics)"
  python3 - "$home/runs.sqlite" "$runs" <<'PYTHON'
import sqlite3, sys, uuid, random
from datetime import datetime, timedelta
path, wanted = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(path)
columns = [row[1] for row in db.execute("PRAGMA table_info(runs)")]
template = list(db.execute("SELECT * FROM runs").fetchone())
start = datetime(2025, 1, 1)
rng = random.Random(20261207)
rows = []
for number in range(wanted - 1):
    row = list(template)
    row[columns.index("id")] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    row[columns.index("created_at")] = (start + timedelta(minutes=number)).strftime("%Y-%m-%d %H:%M:%S.000")
    rows.append(row)
db.executemany(f"INSERT INTO runs ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)
db.commit()
print(db.execute("SELECT COUNT(*) FROM runs").fetchone()[0], "runs")
PYTHON
  printf '%-22s %10s %10s %10s\n' listing "cell (s)" "wall (s)" "peak (MB)"
  for attempt in 1 2 3; do
    ASSAY_HOME="$home" measure "$assay" history
    printf '%-22s %10s %10s %10s\n' "assay history" "" "$wall" "$peak"
    ASSAY_HOME="$home" measure "$assay" -c $':time on\nhistory(20)'
    printf '%-22s %10s %10s %10s\n' "history(20)" "$(cell_seconds <"$out/last.time" | tail -n1)" "$wall" "$peak"
  done
  echo "(load afterwards $(cut -d' ' -f1-3 /proc/loadavg))"
fi

if [[ "$steps" == *" runs "* ]]; then
  echo
  echo "== a run of $n cases, concurrency 256, a server answering at once"
  BENCH_BIN="$assay" CASES="$n" CONCURRENCY=256 LATENCY_MS=0 bash bench/runs_throughput.sh
  echo
  echo "== a run of ${WIDE_CASES:-50000} cases, concurrency 1000, a server answering after 200 ms"
  BENCH_BIN="$assay" CASES="${WIDE_CASES:-50000}" CONCURRENCY=1000 LATENCY_MS=200 bash bench/runs_throughput.sh
  echo "(load afterwards $(cut -d' ' -f1-3 /proc/loadavg))"
fi
