"""A thousand spoiled messages on the shell and control sockets: the kernel answers none of them,
keeps its heartbeat, and then runs a correct request as usual."""

from __future__ import annotations

import json
import random
import time
import uuid
from typing import Callable

import zmq
from jupyter_client.session import Session

from kernel_session import REPLY_TIMEOUT, KernelSession, result_text

DELIMITER = b"<IDS|MSG>"
MESSAGES = 1000


def well_formed(session: Session, msg_type: str = "execute_request") -> list[bytes]:
    """The frames after the delimiter of a correct request: signature, header, parent, metadata, content."""
    header = {
        "msg_id": uuid.uuid4().hex, "session": session.session, "username": "fuzz", "date": "2024-01-01T00:00:00Z",
        "msg_type": msg_type, "version": "5.3",
    }
    content = {"code": "garbage_ran = true", "silent": False, "store_history": True, "user_expressions": {},
               "allow_stdin": False, "stop_on_error": True} if msg_type == "execute_request" else {}
    parts = [json.dumps(part).encode() for part in (header, {}, {}, content)]
    return [session.sign(parts), *parts]


def signed(session: Session, parts: list[bytes]) -> list[bytes]:
    return [DELIMITER, session.sign(parts), *parts]


# Each spoiler makes one bad message (the frames a DEALER sends; the kernel's ROUTER adds the identity).
def wrong_signature(session: Session, rng: random.Random) -> list[bytes]:
    frames = well_formed(session, rng.choice(["execute_request", "kernel_info_request", "shutdown_request"]))
    return [DELIMITER, bytes(rng.choice(b"0123456789abcdef") for _ in range(64)), *frames[1:]]


def signature_of_other_content(session: Session, rng: random.Random) -> list[bytes]:
    frames = well_formed(session)
    content = json.dumps({"code": f"other_{rng.randrange(10**6)} = 1"}).encode()
    return [DELIMITER, *frames[:4], content]


def truncated(session: Session, rng: random.Random) -> list[bytes]:
    frames = [DELIMITER, *well_formed(session)]
    keep = rng.randrange(0, len(frames))
    return frames[:keep] or [b""]


def without_delimiter(session: Session, rng: random.Random) -> list[bytes]:
    return well_formed(session)


def malformed_json(session: Session, rng: random.Random) -> list[bytes]:
    broken = rng.choice([b"{", b"", b"not json", b"[1, 2", b"\xff\xfe\x00", b'{"msg_id": }', b"null", b"[]", b"42"])
    parts = well_formed(session)[1:]
    parts[rng.randrange(4)] = broken
    return signed(session, parts)


def header_without_fields(session: Session, rng: random.Random) -> list[bytes]:
    header = {"msg_id": uuid.uuid4().hex} if rng.random() < 0.5 else {"msg_type": "execute_request"}
    return signed(session, [json.dumps(header).encode(), b"{}", b"{}", b'{"code": "garbage_ran = true"}'])


def random_bytes(session: Session, rng: random.Random) -> list[bytes]:
    return [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64))) for _ in range(rng.randrange(1, 8))]


SPOILERS: list[Callable[[Session, random.Random], list[bytes]]] = [
    wrong_signature, signature_of_other_content, truncated, without_delimiter, malformed_json,
    header_without_fields, random_bytes,
]


def heartbeat_answers(kernel: KernelSession, context: zmq.Context, payload: bytes) -> bool:
    info = kernel.client.get_connection_info()
    socket = context.socket(zmq.REQ)
    socket.setsockopt(zmq.LINGER, 0)
    socket.connect(f"{info['transport']}://{info['ip']}:{info['hb_port']}")
    try:
        socket.send(payload)
        return bool(socket.poll(timeout=5000)) and socket.recv() == payload
    finally:
        socket.close()


def test_a_thousand_spoiled_messages_are_dropped_and_the_kernel_keeps_working(kernel: KernelSession) -> None:
    session = kernel.client.session
    info = kernel.client.get_connection_info()
    context = zmq.Context.instance()
    sockets = []
    for port in (info["shell_port"], info["control_port"]):
        socket = context.socket(zmq.DEALER)
        socket.setsockopt(zmq.LINGER, 0)
        socket.setsockopt(zmq.SNDTIMEO, 5000)
        socket.connect(f"{info['transport']}://{info['ip']}:{port}")
        sockets.append(socket)
    # Whatever the kernel published before the flood (its start-up status) is not an answer.
    while kernel.client.iopub_channel.msg_ready():
        kernel.client.get_iopub_msg(timeout=0.1)

    rng = random.Random(20240601)
    try:
        for number in range(MESSAGES):
            spoil = SPOILERS[number % len(SPOILERS)]
            sockets[number % 2].send_multipart(spoil(session, rng))
            if number == MESSAGES // 2:
                assert heartbeat_answers(kernel, context, b"mid-flood"), "no heartbeat during the flood"

        # No reply on either socket and nothing on iopub (not even busy/idle) for any of them.
        deadline = time.monotonic() + 2
        poller = zmq.Poller()
        for socket in sockets:
            poller.register(socket, zmq.POLLIN)
        while time.monotonic() < deadline:
            answered = dict(poller.poll(timeout=100))
            assert not answered, f"the kernel answered a spoiled message: {sockets[0].recv_multipart() if sockets[0] in answered else sockets[1].recv_multipart()}"
        assert not kernel.client.iopub_channel.msg_ready(), f"iopub published {kernel.client.get_iopub_msg(timeout=0.1)['msg_type']}"
    finally:
        for socket in sockets:
            socket.close()

    assert kernel.process.poll() is None, "the spoiled messages killed the kernel"
    assert heartbeat_answers(kernel, context, b"after the flood"), "no heartbeat after the flood"

    reply, outputs = kernel.execute("20 + 22")
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["execution_count"] == 1, "a spoiled request was counted as an execution"
    assert result_text(outputs) == "42"
    reply, _ = kernel.execute("garbage_ran")
    assert reply["content"]["status"] == "error", "a spoiled request was executed"
    # Every spoiled message reached the kernel and was rejected with a reason, none lost on the way.
    dropped = kernel.stderr_text().count("assay kernel: dropped a message on ")
    assert dropped == MESSAGES, f"the kernel reported {dropped} dropped messages of {MESSAGES}"


def test_a_correct_message_from_a_raw_socket_is_answered(kernel: KernelSession) -> None:
    # The flood above proves silence only if a correct message sent the same way is answered.
    session = kernel.client.session
    info = kernel.client.get_connection_info()
    socket = zmq.Context.instance().socket(zmq.DEALER)
    socket.setsockopt(zmq.LINGER, 0)
    socket.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
    try:
        frames = well_formed(session, "kernel_info_request")
        socket.send_multipart([DELIMITER, *frames])
        assert socket.poll(timeout=REPLY_TIMEOUT * 1000), "no kernel_info_reply"
        reply = socket.recv_multipart()
        header = json.loads(reply[reply.index(DELIMITER) + 2])
        assert header["msg_type"] == "kernel_info_reply"
    finally:
        socket.close()
