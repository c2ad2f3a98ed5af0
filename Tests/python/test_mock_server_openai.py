"""The openai Python SDK against `assay mock-server`: plain and streamed completions, refusals."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Iterator

import openai
import pytest


def start_server(assay_binary: Path, *options: str) -> tuple[subprocess.Popen[str], str]:
    """Starts the mock server on a free port and returns it with its base URL."""
    server = subprocess.Popen(
        [str(assay_binary), "mock-server", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    assert line.startswith("listening on "), f"the server printed {line!r}"
    return server, line[len("listening on ") :].strip()


@pytest.fixture
def client(assay_binary: Path) -> Iterator[openai.OpenAI]:
    """An SDK client of a mock server that echoes the last user message."""
    server, base_url = start_server(assay_binary)
    try:
        yield openai.OpenAI(base_url=base_url, api_key="sk-test", max_retries=0)
    finally:
        server.terminate()
        server.wait(timeout=10)


MESSAGES = [{"role": "user", "content": "the quick brown fox"}]


def test_a_plain_completion_answers(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(model="mock", messages=MESSAGES)
    assert completion.choices[0].message.content == "the quick brown fox"
    assert completion.usage is not None and completion.usage.completion_tokens == 4


def test_a_streamed_completion_arrives_in_chunks(client: openai.OpenAI) -> None:
    stream = client.chat.completions.create(model="mock", messages=MESSAGES, stream=True)
    chunks = list(stream)
    pieces = [chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices]
    assert len([piece for piece in pieces if piece]) == 4, "one chunk per word"
    assert "".join(pieces) == "the quick brown fox"
    assert chunks[-1].choices[0].finish_reason == "stop"


def test_empty_messages_raise_bad_request(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as raised:
        client.chat.completions.create(model="mock", messages=[])
    assert "empty array" in str(raised.value)


def test_a_missing_model_raises_bad_request(client: openai.OpenAI) -> None:
    # The SDK's typed method insists on a model, so the request goes through its raw post.
    with pytest.raises(openai.BadRequestError) as raised:
        client.post("/chat/completions", body={"messages": MESSAGES}, cast_to=dict)
    assert "you must provide a model parameter" in str(raised.value)


def test_models_are_listed(client: openai.OpenAI) -> None:
    assert [model.id for model in client.models.list()] == ["mock"]


def test_a_stream_dropped_midway_fails_after_some_chunks(assay_binary: Path) -> None:
    server, base_url = start_server(assay_binary, "--rate-drop", "1")
    try:
        client = openai.OpenAI(base_url=base_url, api_key="sk-test", max_retries=0)
        received = []
        with pytest.raises(Exception):
            for chunk in client.chat.completions.create(model="mock", messages=MESSAGES, stream=True):
                received.append(chunk)
        assert received, "some chunks arrive before the connection drops"
    finally:
        server.terminate()
        server.wait(timeout=10)
