#!/usr/bin/env bash
# Jupyter kernel start-up and execute round trip of Assay next to ipykernel (bench/kernel_bench.py).
#
# Installs jupyter_client and ipykernel (bench/kernel-requirements.txt) into bench/.venv when they
# are missing, installs both kernelspecs into a temporary prefix that Jupyter is pointed at (no
# Jupyter folder of the user is read or written), and runs the measurement once for both kernels.
#
# Environment: ASSAY_BINARY (the kernel binary; default .build/release/assay), BENCH_VENV (another
# venv), STARTS (kernels started per kernel, default 5), EXECUTES (timed executes, default 300).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

binary="${ASSAY_BINARY:-.build/release/assay}"
[[ -x "$binary" ]] || { echo "kernel.sh: no assay binary at $binary: build it (swift build -c release --product assay) or set ASSAY_BINARY" >&2; exit 1; }
binary="$(realpath "$binary")"
venv="$(realpath -m "${BENCH_VENV:-bench/.venv}")"
requirements="bench/kernel-requirements.txt"

# shellcheck source=scripts/venv.sh
source scripts/venv.sh
assay_venv "$venv" "$requirements"

scratch="$(mktemp -d -t assay-kernel-bench.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
"$binary" kernel install --prefix "$scratch/prefix" >/dev/null
"$venv/bin/python" -m ipykernel install --prefix "$scratch/prefix" --name python3 >/dev/null 2>&1

export JUPYTER_PATH="$scratch/prefix/share/jupyter"
export JUPYTER_RUNTIME_DIR="$scratch/runtime"
export JUPYTER_CONFIG_DIR="$scratch/config"
export JUPYTER_DATA_DIR="$scratch/data"
export IPYTHONDIR="$scratch/ipython"
export ASSAY_HOME="$scratch/assay-home"
export JUPYTER_PLATFORM_DIRS=1
export PYTHONDONTWRITEBYTECODE=1

echo "assay: $binary"
echo "ipykernel: $("$venv/bin/python" -c 'import ipykernel, sys; print(ipykernel.__version__, "on Python", sys.version.split()[0])')"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
bench="$(pwd)/bench/kernel_bench.py"
(cd "$scratch" && "$venv/bin/python" "$bench" --starts "${STARTS:-5}" --executes "${EXECUTES:-300}" assay python3)
