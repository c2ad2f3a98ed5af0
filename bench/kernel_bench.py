"""Start-up time and execute round trip of Jupyter kernels, measured with jupyter_client.

For each kernelspec named on the command line (by default `assay` and `python3`, i.e. ipykernel):

- start: from `KernelManager.start_kernel()` to the `kernel_info_reply` of a `kernel_info_request`
  sent at once (ZeroMQ queues it until the kernel binds its shell socket), over --starts kernels;
- round trip: from sending an `execute_request` of `1 + 1` to having both its `execute_reply`
  (shell) and the `idle` status that ends it (iopub), over --executes requests after --warmup
  untimed ones, in one kernel.

The client sockets come from the KernelManager and messages are made and read by its Session, with
blocking reads on this thread (no client threads), so both kernels face the same client. Prints one
line per kernel and the ratios of the first kernel to the others.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import time
from dataclasses import dataclass

import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

TIMEOUT_MS = 60_000


@dataclass
class Figures:
    kernel: str
    starts_ms: list[float]
    round_trips_ms: list[float]

    @property
    def start_ms(self) -> float:
        return statistics.median(self.starts_ms)

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.round_trips_ms)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def receive(session: Session, socket: zmq.Socket, what: str) -> dict:
    if not socket.poll(TIMEOUT_MS):
        raise SystemExit(f"kernel_bench: no {what} within {TIMEOUT_MS // 1000}s")
    _, message = session.recv(socket, mode=0)
    assert message is not None
    return message


def start_once(kernel: str) -> tuple[float, KernelManager, zmq.Socket]:
    """Starts a kernel and returns the milliseconds to its first kernel_info_reply."""
    manager = KernelManager(kernel_name=kernel)
    # The client connects right after launching the kernel, usually before the kernel has bound its
    # ports; ZeroMQ then retries only after RECONNECT_IVL (100 ms by default), a floor that would
    # hide the kernel's own start-up. A 2 ms interval, the same for both kernels, removes it.
    manager.context.setsockopt(zmq.RECONNECT_IVL, 2)
    began = time.perf_counter()
    manager.start_kernel(stderr=subprocess.DEVNULL)  # ipykernel warns about TCP on every start
    shell = manager.connect_shell()
    request = manager.session.send(shell, "kernel_info_request", {})
    while True:
        reply = receive(manager.session, shell, "kernel_info_reply")
        if reply["parent_header"].get("msg_id") == request["header"]["msg_id"]:
            break
    elapsed = (time.perf_counter() - began) * 1000
    return elapsed, manager, shell


def round_trips(manager: KernelManager, shell: zmq.Socket, count: int, warmup: int) -> list[float]:
    session = manager.session
    iopub = manager.connect_iopub()
    iopub.setsockopt(zmq.SUBSCRIBE, b"")
    time.sleep(0.5)  # let the subscription reach the kernel before the first request
    content = {"code": "1 + 1", "silent": False, "store_history": True, "user_expressions": {},
               "allow_stdin": False, "stop_on_error": True}
    samples: list[float] = []
    try:
        for index in range(warmup + count):
            began = time.perf_counter()
            msg_id = session.send(shell, "execute_request", content)["header"]["msg_id"]
            replied = idle = False
            while not (replied and idle):
                if not replied and shell.poll(0):
                    reply = receive(session, shell, "execute_reply")
                    replied = reply["parent_header"].get("msg_id") == msg_id
                    if replied and reply["content"]["status"] != "ok":
                        raise SystemExit(f"kernel_bench: 1 + 1 failed in {manager.kernel_name}: {reply['content']}")
                    continue
                if not idle and iopub.poll(0):
                    message = receive(session, iopub, "iopub message")
                    idle = (message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "status"
                            and message["content"]["execution_state"] == "idle")
                    continue
                zmq.select([shell, iopub], [], [], TIMEOUT_MS / 1000)
            if index >= warmup:
                samples.append((time.perf_counter() - began) * 1000)
    finally:
        iopub.close(linger=0)
    return samples


def measure(kernel: str, starts: int, executes: int, warmup: int) -> Figures:
    start_times: list[float] = []
    samples: list[float] = []
    for attempt in range(starts):
        elapsed, manager, shell = start_once(kernel)
        start_times.append(elapsed)
        try:
            if attempt == starts - 1:
                samples = round_trips(manager, shell, executes, warmup)
        finally:
            shell.close(linger=0)
            manager.shutdown_kernel(now=True)
    return Figures(kernel, start_times, samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kernels", nargs="*", default=["assay", "python3"], help="kernelspec names; the first is compared to the others")
    parser.add_argument("--starts", type=int, default=5, help="kernels started per kernelspec (median reported)")
    parser.add_argument("--executes", type=int, default=300, help="timed executes of 1 + 1")
    parser.add_argument("--warmup", type=int, default=20, help="untimed executes first")
    options = parser.parse_args()

    results = [measure(kernel, options.starts, options.executes, options.warmup) for kernel in options.kernels]
    print(f"{'kernel':<10} {'start ms':>9} {'(min)':>8} {'rt p50 ms':>10} {'rt p99 ms':>10} {'rt mean':>9}  starts/executes")
    for figures in results:
        print(f"{figures.kernel:<10} {figures.start_ms:9.1f} {min(figures.starts_ms):8.1f} {figures.percentile(0.5):10.3f} "
              f"{figures.percentile(0.99):10.3f} {statistics.fmean(figures.round_trips_ms):9.3f}  "
              f"{len(figures.starts_ms)}/{len(figures.round_trips_ms)}")
    first = results[0]
    for other in results[1:]:
        print(f"{other.kernel} / {first.kernel}: start {other.start_ms / first.start_ms:.1f}x, "
              f"round trip p50 {other.percentile(0.5) / first.percentile(0.5):.1f}x, "
              f"p99 {other.percentile(0.99) / first.percentile(0.99):.1f}x "
              f"(targets: start >= 10x, p50 >= 3x)")


if __name__ == "__main__":
    main()
