"""The kernel cleans up after itself and keeps its outputs within limits: it exits when the client
that started it dies, and a cell that prints 10 MB reaches the notebook cut, with a notice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kernel_session import KernelSession, result_text

REPOSITORY = Path(__file__).resolve().parents[2]

# A child Python process that starts the kernel as any Jupyter client does, writes the kernel's pid
# to a file, and dies without shutting the kernel down.
ORPHANING_CLIENT = """
import os, sys
from jupyter_client.manager import start_new_kernel
manager, client = start_new_kernel(kernel_name="assay", startup_timeout=60, extra_arguments=["--no-init"])
with open(sys.argv[1], "w") as pid_file:
    pid_file.write(str(manager.provisioner.process.pid))
os._exit(0)
"""


def is_gone(pid: int) -> bool:
    """Whether a process has ended (a zombie left for its new parent to reap counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return True
    return state in {"Z", "X"}


def test_the_kernel_exits_within_5_seconds_when_the_client_that_started_it_dies(tmp_path: Path) -> None:
    pid_path = tmp_path / "kernel.pid"
    with open(tmp_path / "client.log", "wb") as log:
        # Output goes to a file: the kernel inherits it, and a pipe would stay open as long as it runs.
        client = subprocess.run([sys.executable, "-c", ORPHANING_CLIENT, str(pid_path)], cwd=tmp_path,
                                stdout=log, stderr=subprocess.STDOUT, timeout=90)
    assert client.returncode == 0, (tmp_path / "client.log").read_text(errors="replace")
    pid = int(pid_path.read_text())
    try:
        deadline = time.monotonic() + 5
        while not is_gone(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert is_gone(pid), f"kernel {pid} still runs 5 seconds after its client died"
    finally:
        if not is_gone(pid):
            os.kill(pid, signal.SIGKILL)
    log_text = (tmp_path / "client.log").read_text(errors="replace")
    assert "is gone; stopping" in log_text, log_text


def stream_text(outputs: list, name: str = "stdout") -> str:
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == name)


def test_a_cell_printing_10_mb_arrives_capped_with_the_notice(kernel: KernelSession) -> None:
    reply, outputs = kernel.execute('print("x" * 10000000)\n"done"')
    assert reply["content"]["status"] == "ok"
    text = stream_text(outputs)
    shown, notice = text.split("[output cut:", 1)
    assert shown.strip("\n") == "x" * 500_000
    assert "500 kB of the 10 MB written to stdout shown" in notice
    assert "ASSAY_OUTPUT_LIMIT" in notice and "assay FILE.assay" in notice
    assert len(text.encode()) < 501_000
    assert result_text(outputs) == "done", "the cell carries on after the cut"


def test_a_10_mb_result_keeps_its_text_cut_with_the_notice(kernel: KernelSession) -> None:
    reply, outputs = kernel.execute('"y" * 10000000')
    assert reply["content"]["status"] == "ok"
    text = result_text(outputs)
    assert text is not None and len(text.encode()) < 501_000
    assert "[output cut: its text/plain is 10 MB" in text


def test_a_table_stops_at_the_row_limit_and_its_html_says_how_to_get_every_row(kernel: KernelSession) -> None:
    reply, outputs = kernel.execute("show(map(range(2000), i => {n: i, half: i / 2}), rows: 2000)")
    assert reply["content"]["status"] == "ok"
    data = next(m for m in outputs if m["msg_type"] == "execute_result")["content"]["data"]
    html = data["text/html"]
    assert html.count("<tr>") == 1 + 500
    assert "500 of 2000 rows shown, the most a notebook table shows" in html
    assert 'save(x, &quot;rows.csv&quot;) writes all of them' in html


def test_the_limits_come_from_the_kernel_s_environment(tmp_path: Path) -> None:
    environment = dict(os.environ, ASSAY_OUTPUT_LIMIT="2k", ASSAY_OUTPUT_ROWS="10")
    session = KernelSession.start(cwd=REPOSITORY, log_path=tmp_path / "kernel-stderr.log", env=environment)
    try:
        _, outputs = session.execute('print("z" * 5000)')
        assert stream_text(outputs).startswith("z" * 2000 + "\n[output cut: 2 kB of the 5 kB written to stdout shown")
        _, outputs = session.execute("show(map(range(40), i => {n: i}), rows: 30)")
        html = next(m for m in outputs if m["msg_type"] == "execute_result")["content"]["data"]["text/html"]
        assert html.count("<tr>") == 1 + 10
        assert "10 of 40 rows shown" in html
        # A rich output over the limit: its HTML is left out, its text cut, and the notice says so.
        _, outputs = session.execute('show(map(range(40), i => {n: i, text: "a long cell " * 20}), rows: 10)')
        data = next(m for m in outputs if m["msg_type"] == "execute_result")["content"]["data"]
        assert "text/html" not in data
        text = data["text/plain"]
        assert "[output cut: its text/html is" in text and "so only its text is shown" in text
        assert len(text.split("[output cut:")[0].encode()) <= 2000
    finally:
        session.stop()


def test_sigterm_lets_the_running_cell_finish_then_the_kernel_exits_cleanly(kernel: KernelSession) -> None:
    msg_id = kernel.client.execute('name = input("name: ")\n"hello " + name', allow_stdin=True)
    request = kernel.client.get_stdin_msg(timeout=20)
    assert request["msg_type"] == "input_request"

    os.kill(kernel.process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 20
    while "SIGTERM" not in kernel.stderr_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert kernel.process.poll() is None, "the kernel must not exit before the cell is answered"
    kernel.client.input("world")

    reply = kernel.shell_reply(msg_id)
    assert reply["content"]["status"] == "ok"
    outputs = kernel.iopub_until(msg_id, lambda m: m["msg_type"] == "execute_result")
    assert result_text(outputs) == "hello world"
    assert kernel.process.wait(timeout=20) == 0
