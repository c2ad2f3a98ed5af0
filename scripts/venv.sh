# shellcheck shell=bash
# Sourced by the test and benchmark scripts: one way to make a Python virtual environment for
# test tooling and keep its pinned requirements installed.

# assay_venv TARGET REQUIREMENTS [PYTHON]
# Creates the virtual environment TARGET when it is missing (with PYTHON, python3 by default) and
# installs the pinned REQUIREMENTS into it, again only when that file changes: a stamp per
# requirements file records which of its versions the venv holds, so one venv may hold several.
# Returns 1 with a message on stderr when the venv or pip fails.
assay_venv() {
    local target="$1" requirements="$2" python="${3:-python3}"
    local log
    log="$(mktemp -t assay-venv.XXXXXX)"
    if [[ ! -x "${target}/bin/python" ]]; then
        if ! command -v "${python}" >/dev/null; then
            echo "error: ${python} is missing: install python3 and python3-venv" >&2
            rm -f "${log}"
            return 1
        fi
        if ! "${python}" -m venv "${target}" >"${log}" 2>&1; then
            cat "${log}" >&2
            rm -rf "${target}" "${log}"
            echo "error: cannot create a virtual environment in ${target}: is python3-venv installed?" >&2
            return 1
        fi
    fi
    local wanted stamp
    wanted="$(sha256sum "${requirements}" | cut -d' ' -f1)"
    stamp="${target}/.$(basename "${requirements}" .txt).sha256"
    if [[ "$(cat "${stamp}" 2>/dev/null)" != "${wanted}" ]]; then
        echo "==> installing ${requirements} into ${target}" >&2
        if ! "${target}/bin/python" -m pip install --quiet --disable-pip-version-check \
            --require-virtualenv -r "${requirements}" >"${log}" 2>&1; then
            cat "${log}" >&2
            rm -f "${log}"
            echo "error: pip could not install ${requirements}" >&2
            return 1
        fi
        echo "${wanted}" >"${stamp}"
    fi
    rm -f "${log}"
}
