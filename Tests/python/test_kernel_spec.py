"""The Assay kernel against jupyter_kernel_test, the reference suite for Jupyter kernels.

The kernel starts from the kernelspec that `assay kernel install --prefix` wrote, over ZeroMQ,
exactly as notebooks start it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jupyter_kernel_test
from jupyter_client.kernelspec import KernelSpecManager


class AssayKernelTests(jupyter_kernel_test.KernelTests):
    """The reference suite, told how to say things in Assay."""

    kernel_name = "assay"
    language_name = "assay"
    file_extension = ".assay"

    code_hello_world = 'print("hello, world")'
    code_stderr = 'eprint("something went wrong")'

    completion_samples = [
        {"text": "pri", "matches": {"print"}},
        {"text": "templ", "matches": {"template"}},
        {"text": "xyzzy_nothing_starts_so", "matches": set()},
        {"text": "abc_var = 1\nabc_v", "matches": {"abc_var"}},
    ]

    complete_code_samples = ["1 + 1", "x = [1, 2, 3]", 'print("done")', "f = x => x * 2"]
    incomplete_code_samples = ["[1, 2,", "1 +", 'template("""\nQ: {{ input }}', "{a: 1,"]
    invalid_code_samples = ["1 + )", "]"]

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "6 * 7", "result": "42"},
        {"code": "7 / 2", "result": "3.5"},
        {"code": '"ab" + "cd"', "result": "abcd"},
        {"code": "[{a: 1}, {a: 2}]", "mime": "text/html"},
    ]
    code_display_data = [
        {"code": "display(42)", "mime": "text/plain"},
        {"code": "display([{name: 'a', n: 1}, {name: 'b', n: 2}])", "mime": "text/html"},
        {"code": "display(hist([1, 2, 2, 3, 3, 3]))", "mime": "image/svg+xml"},
        {"code": "display(bar({a: 1, b: 2}))", "mime": "text/plain"},
    ]

    code_history_pattern = "6 ?*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "print"
    code_clear_output = 'print("soon gone")\nclear_output()'
    code_page_something = 'help("print")'
    code_generate_error = "undefined_name + 1"


class AssayIopubWelcomeTests(jupyter_kernel_test.IopubWelcomeTests):
    """New iopub subscribers are greeted, so a client knows its subscription is live."""

    kernel_name = "assay"
    support_iopub_welcome = True


def test_installed_kernelspec_starts_the_binary_under_test(assay_binary: Path) -> None:
    spec = KernelSpecManager().get_kernel_spec("assay")
    assert Path(spec.argv[0]).resolve() == assay_binary
    assert spec.argv[1:] == ["kernel", "-f", "{connection_file}"]
    assert spec.display_name == "Assay"
    assert spec.language == "assay"
    assert spec.interrupt_mode == "signal"


def test_installed_kernelspec_lives_under_the_prefix_with_its_logos() -> None:
    prefix = Path(os.environ["ASSAY_KERNEL_PREFIX"])
    folder = Path(KernelSpecManager().get_kernel_spec("assay").resource_dir)
    assert folder == prefix / "share" / "jupyter" / "kernels" / "assay"
    for logo, size in [("logo-32x32.png", 32), ("logo-64x64.png", 64)]:
        data = (folder / logo).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", logo
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (size, size), logo


def test_repository_kernelspec_matches_the_installed_one_but_for_the_binary() -> None:
    repository = Path(__file__).resolve().parents[2]
    shipped = json.loads((repository / "kernel" / "kernel.json").read_text(encoding="utf-8"))
    installed = KernelSpecManager().get_kernel_spec("assay").to_dict()
    assert shipped["argv"] == ["assay", "kernel", "-f", "{connection_file}"]
    for key in ["display_name", "language", "interrupt_mode"]:
        assert shipped[key] == installed[key], key


def test_language_info_names_a_pygments_lexer_that_exists(kernel) -> None:
    from pygments.lexers import get_lexer_by_name

    msg_id = kernel.client.kernel_info()
    info = kernel.shell_reply(msg_id)["content"]["language_info"]
    assert (info["name"], info["file_extension"], info["mimetype"]) == ("assay", ".assay", "text/x-assay")
    assert get_lexer_by_name(info["pygments_lexer"]) is not None
    assert info["codemirror_mode"]


def test_user_install_follows_home_as_jupyter_does(assay_binary: Path, tmp_path: Path) -> None:
    """With HOME set to a fresh folder, `assay kernel install --user` installs where
    `jupyter kernelspec list` (same HOME) looks."""
    import subprocess
    import sys

    home = tmp_path / "home"
    home.mkdir()
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"JUPYTER_PATH", "JUPYTER_DATA_DIR", "XDG_DATA_HOME"}}
    environment["HOME"] = str(home)
    subprocess.run([str(assay_binary), "kernel", "install", "--user"], env=environment, check=True,
                   capture_output=True, timeout=60)
    assert (home / ".local" / "share" / "jupyter" / "kernels" / "assay" / "kernel.json").is_file()
    listing = subprocess.run([sys.executable, "-m", "jupyter", "kernelspec", "list", "--json"], env=environment,
                             check=True, capture_output=True, text=True, timeout=60)
    specs = json.loads(listing.stdout)["kernelspecs"]
    assert Path(specs["assay"]["resource_dir"]) == home / ".local" / "share" / "jupyter" / "kernels" / "assay"
