#!/usr/bin/env bash
# Metrics benchmark: generates the seeded corpus, scores it with AssayMetrics (release build) and
# with Python rouge-score 0.1.2 and sacrebleu 2.6.0 on the same machine, checks that every value
# agrees within 1e-9, and prints the times and the speed ratios. See bench/README.md.
#
# Settings (environment): N (pairs, 10000), SEED (20240601), REPEAT (runs per metric, the fastest
# kept; 1), BENCH_VENV (Python venv, bench/.venv; created with bench/metrics/requirements.txt
# when missing), BENCH_OUT (result folder; a new temporary folder), BENCH_BIN (a prebuilt
# MetricsBench binary, which skips the build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n="${N:-10000}"
seed="${SEED:-20240601}"
repeat="${REPEAT:-1}"
expected_digest=1d42a99785b92c62b9e81d4907fa9898b59f3ea889526f1d96b28e6eae0c0077
venv="${BENCH_VENV:-bench/.venv}"
out="${BENCH_OUT:-$(mktemp -d)}"
mkdir -p "$out"

if [[ ! -x "$venv/bin/python" ]]; then
  echo "creating $venv with rouge-score and sacrebleu" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet -r bench/metrics/requirements.txt
fi

if [[ -n "${BENCH_BIN:-}" ]]; then
  bench="$BENCH_BIN"
else
  swift build -c release --package-path bench/metrics >&2
  bench="$(swift build -c release --package-path bench/metrics --show-bin-path)/MetricsBench"
fi

echo "== corpus: $n pairs, seed $seed"
"$bench" generate --count "$n" --seed "$seed" --output "$out/corpus.jsonl"
digest="$(sha256sum "$out/corpus.jsonl" | cut -d' ' -f1)"
echo "sha256 $digest"
# The documented corpus (bench/README.md); a different digest means the generator changed.
if [[ "$n" == 10000 && "$seed" == 20240601 && "$digest" != "$expected_digest" ]]; then
  echo "warning: expected sha256 $expected_digest for N=10000 SEED=20240601" >&2
fi
echo "== assay (Swift, release)"
"$bench" score --corpus "$out/corpus.jsonl" --output "$out/swift.json" --repeat "$repeat"
echo "== python ($("$venv/bin/python" --version 2>&1), rouge-score + sacrebleu)"
"$venv/bin/python" bench/metrics/score_python.py --corpus "$out/corpus.jsonl" --output "$out/python.json" \
  --repeat "$repeat"
echo "== comparison (results in $out)"
"$venv/bin/python" bench/metrics/compare.py "$out/swift.json" "$out/python.json" --tolerance 1e-9
