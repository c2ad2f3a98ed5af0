"""A running Assay kernel and a blocking client, with the waits the behaviour tests need."""

from __future__ import annotations

import time
from pathlib import Path
from queue import Empty
from typing import IO, Any, Callable

from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.manager import KernelManager

Message = dict[str, Any]

# Liveness limits only: how long a kernel may take to start, answer or stop before a test fails.
STARTUP_TIMEOUT = 30
REPLY_TIMEOUT = 20

# A cell that runs far longer than any test waits (10^9 lambda calls), printing a line first so a
# test knows it has started, and that allocates little while it runs.
LONG_CELL = 'print("started")\nmap(range(1000000), i => len(filter(range(1000), j => j == i)))'


class KernelSession:
    """A kernel started through the installed `assay` kernelspec, with its client and stderr log."""

    def __init__(self, manager: KernelManager, client: BlockingKernelClient, log: IO[bytes], log_path: Path):
        self.manager = manager
        self.client = client
        self._log = log
        self.log_path = log_path

    @classmethod
    def start(cls, cwd: Path, log_path: Path, env: dict[str, str] | None = None) -> "KernelSession":
        """Starts a kernel in `cwd` whose standard error goes to `log_path`, and waits until it answers.

        `env`, when given, is the kernel's whole environment (the test process's by default)."""
        manager = KernelManager(kernel_name="assay")
        log = open(log_path, "wb")
        options: dict[str, Any] = {"env": env} if env is not None else {}
        manager.start_kernel(cwd=str(cwd), stderr=log, **options)
        client = manager.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=STARTUP_TIMEOUT)
        except RuntimeError:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
            log.close()
            raise
        return cls(manager, client, log, log_path)

    def stop(self) -> None:
        """Stops the client and, if it still runs, the kernel."""
        self.client.stop_channels()
        if self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)
        self._log.close()

    @property
    def process(self) -> Any:
        """The kernel's `subprocess.Popen`."""
        return self.manager.provisioner.process  # type: ignore[union-attr]

    def stderr_text(self) -> str:
        """What the kernel has written to standard error so far."""
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def execute(self, code: str, **options: Any) -> tuple[Message, list[Message]]:
        """Runs a cell: its `execute_reply` and the iopub messages it caused, up to `idle`."""
        msg_id = self.client.execute(code, **options)
        reply = self.shell_reply(msg_id)
        outputs = self.iopub_until(msg_id, is_idle)
        return reply, outputs

    def shell_reply(self, msg_id: str, timeout: float = REPLY_TIMEOUT) -> Message:
        """The shell reply to `msg_id`, skipping replies to other requests."""
        return _first_reply(self.client.get_shell_msg, msg_id, timeout, "shell")

    def control_reply(self, msg_id: str, timeout: float = REPLY_TIMEOUT) -> Message:
        """The control reply to `msg_id`."""
        return _first_reply(self.client.control_channel.get_msg, msg_id, timeout, "control")

    def iopub_until(self, msg_id: str, predicate: Callable[[Message], bool], timeout: float = REPLY_TIMEOUT) -> list[Message]:
        """The iopub messages caused by `msg_id`, up to and including the first that `predicate` accepts."""
        deadline = time.monotonic() + timeout
        seen: list[Message] = []
        while time.monotonic() < deadline:
            try:
                message = self.client.get_iopub_msg(timeout=0.2)
            except Empty:
                continue
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            seen.append(message)
            if predicate(message):
                return seen
        types = [m["msg_type"] for m in seen]
        raise AssertionError(f"no expected iopub message for {msg_id} within {timeout}s; saw {types}")

    def start_long_cell(self) -> str:
        """Starts `LONG_CELL` and returns its msg_id once it has printed, so it is surely running."""
        msg_id = self.client.execute(LONG_CELL, stop_on_error=False)
        self.iopub_until(msg_id, lambda m: m["msg_type"] == "stream" and "started" in m["content"]["text"])
        return msg_id


def is_idle(message: Message) -> bool:
    """Whether a message is the `idle` status that ends a request."""
    return message["msg_type"] == "status" and message["content"]["execution_state"] == "idle"


def result_text(outputs: list[Message]) -> str | None:
    """The text/plain of the `execute_result` among a cell's outputs."""
    for message in outputs:
        if message["msg_type"] == "execute_result":
            return message["content"]["data"]["text/plain"]
    return None


def _first_reply(get: Callable[..., Message], msg_id: str, timeout: float, channel: str) -> Message:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            message = get(timeout=max(0.05, deadline - time.monotonic()))
        except Empty:
            break
        if message["parent_header"].get("msg_id") == msg_id:
            return message
    raise AssertionError(f"no {channel} reply to {msg_id} within {timeout}s")
