#!/usr/bin/env bash
# Installs the Debian packages Assay needs to build and test, when they are missing.
# Sourced by scripts/demo and scripts/test. Needs root or sudo to install; otherwise it names the
# packages to install and stops.
set -euo pipefail

assay_required_packages=(
  libedit-dev        # line editing for the interactive shell
  libzmq3-dev        # ZeroMQ transport of the Jupyter kernel
  libopenblas-dev    # matrix products of the BERTScore encoder
  libsqlite3-dev     # the run store
  postgresql         # the tests of the PostgreSQL run store start a throwaway server on loopback
  wordnet-base       # WordNet 3.0 for METEOR
  python3-venv       # test tooling (jupyter clients) lives in a virtual environment
  pkg-config
  unzip              # unpacks the test encoder model
  chromium           # the HTML report's tests open reports in headless chromium
  chromium-driver    # … driven by selenium through chromedriver
)

assay_missing_packages() {
  local missing=()
  for package in "${assay_required_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  echo "${missing[@]:-}"
}

assay_install_system_packages() {
  local missing
  missing=$(assay_missing_packages)
  [ -z "$missing" ] && return 0
  local runner=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      runner=(sudo)
    else
      echo "assay: these Debian packages are needed: $missing" >&2
      echo "assay: install them with: sudo apt-get install -y $missing" >&2
      exit 1
    fi
  fi
  echo "==> installing Debian packages: $missing" >&2
  "${runner[@]}" apt-get update -qq >&2 || true
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive "${runner[@]}" apt-get install -y -qq $missing >&2
}
