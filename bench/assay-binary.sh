# Sourced by the benchmarks: sets `assay` to the absolute path of the binary to measure —
# $BENCH_BIN when given, else a release build in $BENCH_SCRATCH (default .build).
if [[ -n "${BENCH_BIN:-}" ]]; then
  assay="$BENCH_BIN"
else
  scratch="${BENCH_SCRATCH:-.build}"
  swift build -c release --product assay --scratch-path "$scratch" >&2
  assay="$scratch/release/assay"
fi
assay="$(cd "$(dirname "$assay")" && pwd)/$(basename "$assay")"
