"""How the kernel behaves under a real Jupyter client over ZeroMQ: interrupts, bad signatures,
heartbeats, shutdown and input."""

from __future__ import annotations

import os
import signal
import time
from typing import Callable

import pytest
import zmq

from kernel_session import REPLY_TIMEOUT, KernelSession, result_text


def send_sigint(kernel: KernelSession) -> None:
    os.kill(kernel.process.pid, signal.SIGINT)


def press_interrupt_button(kernel: KernelSession) -> None:
    # What a notebook's "interrupt kernel" does: with interrupt_mode "signal", a SIGINT.
    kernel.manager.interrupt_kernel()


def assert_still_answers(kernel: KernelSession) -> None:
    reply, outputs = kernel.execute("20 + 22")
    assert reply["content"]["status"] == "ok"
    assert result_text(outputs) == "42"


@pytest.mark.parametrize("interrupt", [send_sigint, press_interrupt_button], ids=["kill-SIGINT", "interrupt_kernel"])
def test_sigint_stops_a_running_cell_with_an_error(kernel: KernelSession, interrupt: Callable[[KernelSession], None]) -> None:
    msg_id = kernel.start_long_cell()
    interrupt(kernel)

    reply = kernel.shell_reply(msg_id)
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "Interrupted"
    errors = kernel.iopub_until(msg_id, lambda m: m["msg_type"] == "error")
    assert errors[-1]["content"]["ename"] == "Interrupted"
    assert_still_answers(kernel)


def test_interrupt_request_on_control_stops_a_running_cell(kernel: KernelSession) -> None:
    msg_id = kernel.start_long_cell()
    request = kernel.client.session.msg("interrupt_request", {})
    kernel.client.control_channel.send(request)

    assert kernel.control_reply(request["header"]["msg_id"])["content"]["status"] == "ok"
    reply = kernel.shell_reply(msg_id)
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "Interrupted"
    assert_still_answers(kernel)


def test_an_idle_kernel_survives_sigint_and_keeps_its_variables(kernel: KernelSession) -> None:
    reply, _ = kernel.execute("kept = 41")
    assert reply["content"]["status"] == "ok"

    for _ in range(3):
        send_sigint(kernel)
    time.sleep(0.5)

    assert kernel.process.poll() is None, "the kernel died of SIGINT"
    reply, outputs = kernel.execute("kept + 1")
    assert reply["content"]["status"] == "ok"
    assert result_text(outputs) == "42"


def test_sigint_cancels_a_pending_input(kernel: KernelSession) -> None:
    msg_id = kernel.client.execute('input("never answered: ")', allow_stdin=True, stop_on_error=False)
    request = kernel.client.get_stdin_msg(timeout=REPLY_TIMEOUT)
    assert request["msg_type"] == "input_request"

    send_sigint(kernel)

    reply = kernel.shell_reply(msg_id)
    assert reply["content"]["status"] == "error"
    assert_still_answers(kernel)


def sign_wrongly(frames: list[bytes]) -> list[bytes]:
    return [frames[0], b"0" * 64, *frames[2:]]


def leave_unsigned(frames: list[bytes]) -> list[bytes]:
    return [frames[0], b"", *frames[2:]]


def drop_the_content_frame(frames: list[bytes]) -> list[bytes]:
    return frames[:-1]


@pytest.mark.parametrize("spoil", [sign_wrongly, leave_unsigned, drop_the_content_frame])
def test_a_spoiled_message_is_dropped_unanswered_and_the_kernel_keeps_working(
    kernel: KernelSession, spoil: Callable[[list[bytes]], list[bytes]]
) -> None:
    client = kernel.client
    request = client.session.msg("execute_request", {
        "code": "spoiled_message_ran = true", "silent": False, "store_history": True,
        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
    })
    frames = client.session.serialize(request)
    client.shell_channel.socket.send_multipart(spoil(frames))

    # Nothing may answer the spoiled request: no reply and no busy/idle on its behalf.
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        for get in (client.get_shell_msg, client.get_iopub_msg):
            try:
                message = get(timeout=0.1)
            except Exception:
                continue
            assert message["parent_header"].get("msg_id") != request["header"]["msg_id"], message["msg_type"]

    assert kernel.process.poll() is None, "a spoiled message killed the kernel"
    assert_still_answers(kernel)
    reply, _ = kernel.execute("spoiled_message_ran")
    assert reply["content"]["status"] == "error", "the spoiled request was executed"
    assert "dropped a message on shell" in kernel.stderr_text()


def test_heartbeat_is_answered_while_a_long_cell_runs(kernel: KernelSession) -> None:
    msg_id = kernel.start_long_cell()
    info = kernel.client.get_connection_info()
    context = zmq.Context.instance()
    socket = context.socket(zmq.REQ)
    socket.setsockopt(zmq.LINGER, 0)
    socket.connect(f"{info['transport']}://{info['ip']}:{info['hb_port']}")
    try:
        for beat in range(3):
            payload = f"ping {beat}".encode()
            socket.send(payload)
            assert socket.poll(timeout=5000), f"heartbeat {beat} unanswered"
            assert socket.recv() == payload
    finally:
        socket.close()

    assert not kernel.client.shell_channel.msg_ready(), "the long cell ended before the heartbeats"
    kernel.client.control_channel.send(kernel.client.session.msg("interrupt_request", {}))
    assert kernel.shell_reply(msg_id)["content"]["status"] == "error"


@pytest.mark.parametrize("while_busy", [False, True], ids=["idle", "running-a-cell"])
def test_shutdown_request_without_restart_exits_with_status_zero(kernel: KernelSession, while_busy: bool) -> None:
    if while_busy:
        kernel.start_long_cell()
    msg_id = kernel.client.shutdown(restart=False)

    reply = kernel.control_reply(msg_id)
    assert reply["msg_type"] == "shutdown_reply"
    assert reply["content"] == {"status": "ok", "restart": False}
    assert kernel.process.wait(timeout=REPLY_TIMEOUT) == 0


def test_input_is_asked_of_the_client_and_its_answer_returned(kernel: KernelSession) -> None:
    msg_id = kernel.client.execute('name = input("Your name? ")\n"hello " + name', allow_stdin=True)

    request = kernel.client.get_stdin_msg(timeout=REPLY_TIMEOUT)
    assert request["msg_type"] == "input_request"
    assert request["parent_header"]["msg_id"] == msg_id
    assert request["content"] == {"prompt": "Your name? ", "password": False}
    kernel.client.input("Ada")

    reply = kernel.shell_reply(msg_id)
    assert reply["content"]["status"] == "ok"
    outputs = kernel.iopub_until(msg_id, lambda m: m["msg_type"] == "execute_result")
    assert result_text(outputs) == "hello Ada"


def test_a_password_input_says_so(kernel: KernelSession) -> None:
    msg_id = kernel.client.execute('secret = input("Key: ", password: true)\nlen(secret)', allow_stdin=True)

    request = kernel.client.get_stdin_msg(timeout=REPLY_TIMEOUT)
    assert request["content"] == {"prompt": "Key: ", "password": True}
    kernel.client.input("s3cret")

    assert kernel.shell_reply(msg_id)["content"]["status"] == "ok"
    assert result_text(kernel.iopub_until(msg_id, lambda m: m["msg_type"] == "execute_result")) == "6"


def test_input_without_allow_stdin_is_an_error_not_a_hang(kernel: KernelSession) -> None:
    reply, outputs = kernel.execute('input("nobody will answer: ")', allow_stdin=False)
    assert reply["content"]["status"] == "error"
    assert "no input channel" in reply["content"]["evalue"]
