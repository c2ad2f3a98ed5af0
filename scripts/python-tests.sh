#!/usr/bin/env bash
# Runs the Python-driven tests (Tests/python/): the Jupyter client tests of the Assay kernel with real
# Jupyter clients, the mock server's, the reports' and the MLflow export's.
#
# Creates the virtual environment .venv/ when it is missing and installs the pinned tooling of
# Tests/python/requirements.txt into it (again only when that file changes). Builds nothing: the
# kernel is the `assay` binary at $ASSAY_BINARY, or .build/debug/assay. Its kernelspec is installed
# with `assay kernel install --prefix` into a temporary folder that Jupyter is pointed at, so no
# Jupyter folder of the user is read or written.
#
# Prints one summary line on success and pytest's whole report on failure. Extra arguments go to
# pytest (e.g. `-k interrupt`).
#
# The MLflow export test starts a real `mlflow server` on loopback from a second venv, .venv-mlflow/
# (Tests/python/requirements-mlflow.txt), installed the same way.
#
# Environment: ASSAY_BINARY (the kernel binary), ASSAY_PYTHON_VENV (another venv folder),
# ASSAY_MLFLOW_VENV (another venv folder for the MLflow server), PYTHON (the interpreter that
# creates the venvs; default python3).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

fail() {
    echo "python tests: error: $*" >&2
    exit 1
}

# The report tests need Debian's chromium and chromedriver (and the kernel tests python3-venv).
# shellcheck source=scripts/system-packages.sh
source scripts/system-packages.sh
assay_install_system_packages

binary="${ASSAY_BINARY:-.build/debug/assay}"
[[ -x "${binary}" ]] || fail "no assay binary at ${binary}: run 'swift build' first or set ASSAY_BINARY"
binary="$(realpath "${binary}")"

venv="${ASSAY_PYTHON_VENV:-${repo_root}/.venv}"
mlflow_venv="${ASSAY_MLFLOW_VENV:-${repo_root}/.venv-mlflow}"
python="${PYTHON:-python3}"

scratch="$(mktemp -d -t assay-python-tests.XXXXXX)"
trap 'rm -rf "${scratch}"' EXIT

# shellcheck source=scripts/venv.sh
source scripts/venv.sh

# The test tooling, and the MLflow tracking server in a venv of its own (its dependencies clash
# with the tooling's pins; see Tests/python/requirements-mlflow.txt).
assay_venv "${venv}" Tests/python/requirements.txt "${python}" || fail "the test tooling's environment"
assay_venv "${mlflow_venv}" Tests/python/requirements-mlflow.txt "${python}" || fail "the MLflow server's environment"

prefix="${scratch}/prefix"
if ! "${binary}" kernel install --prefix "${prefix}" >"${scratch}/install.log" 2>&1; then
    cat "${scratch}/install.log" >&2
    fail "'assay kernel install --prefix' failed"
fi

# Jupyter finds only the kernelspec just installed (JUPYTER_PATH comes first in its search) and
# keeps connection files and settings in the scratch folder.
export ASSAY_BINARY="${binary}"
export ASSAY_MLFLOW="${mlflow_venv}/bin/mlflow"
export ASSAY_KERNEL_PREFIX="${prefix}"
export JUPYTER_PATH="${prefix}/share/jupyter"
export JUPYTER_RUNTIME_DIR="${scratch}/runtime"
export JUPYTER_CONFIG_DIR="${scratch}/config"
export JUPYTER_PLATFORM_DIRS=1
export PYTHONDONTWRITEBYTECODE=1

report="${scratch}/pytest.log"
if "${venv}/bin/python" -m pytest -p no:cacheprovider -q -rfEs Tests/python "$@" >"${report}" 2>&1; then
    echo "python tests: $(grep -v '^[[:space:]]*$' "${report}" | tail -n 1 | tr -d '=' | sed 's/^ *//')"
else
    status=$?
    cat "${report}" >&2
    fail "pytest failed (exit ${status})"
fi
