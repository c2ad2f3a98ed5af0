#!/usr/bin/env bash
# Cold start of `assay -c '1+1'` next to `python3 -c '1+1'`: mean wall time over many runs, and the
# ratio. Builds the release binary first. Uses hyperfine when it is installed, else a timed loop.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${RUNS:-100}"
swift build -c release --product assay >&2
assay=".build/release/assay"

measure() { # prints mean milliseconds of a command run $runs times
  python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs = int(sys.argv[1]); command = sys.argv[2:]
subprocess.run(command, stdout=subprocess.DEVNULL, check=True)  # warm the page cache once
samples = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    samples.append((time.perf_counter() - start) * 1000)
samples.sort()
print(f"{sum(samples) / len(samples):.2f} {samples[len(samples) // 2]:.2f} {samples[int(len(samples) * 0.95) - 1]:.2f}")
PY
}

read -r assay_mean assay_median assay_p95 <<<"$(measure "$assay" -c '1+1')"
read -r python_mean python_median python_p95 <<<"$(measure python3 -c '1+1')"
printf '%-28s %10s %10s %10s\n' "command ($runs runs)" "mean ms" "median ms" "p95 ms"
printf '%-28s %10s %10s %10s\n' "assay -c '1+1'" "$assay_mean" "$assay_median" "$assay_p95"
printf '%-28s %10s %10s %10s\n' "python3 -c '1+1'" "$python_mean" "$python_median" "$python_p95"
python3 -c "print(f'ratio python3 / assay (median): {float($python_median) / float($assay_median):.2f}x')"
python3 -c "print('target: assay median under 30 ms:', 'met' if float($assay_median) < 30 else 'NOT met')"
