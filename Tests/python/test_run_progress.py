"""A run in a notebook cell reports its progress as one display that is updated in place."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterator

import pytest

from kernel_session import KernelSession, Message, is_idle, result_text

PROGRESS = "application/vnd.assay.progress+json"
CASES = 200

# A mock model that pauses before each answer, so a run lasts long enough to report progress
# several times: 200 cases at 5 ms, four at a time, take at least a quarter of a second.
MODELS = [{"name": "slow", "type": "MOCK", "mock": "perfect", "latency_ms": 5}]


@pytest.fixture
def project_kernel(tmp_path: Path) -> Iterator[KernelSession]:
    """A kernel running in a scratch project folder with a models.json and a 200-case suite."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "models.json").write_text(json.dumps(MODELS), encoding="utf-8")
    with open(project / "cases.jsonl", "w", encoding="utf-8") as cases:
        for number in range(CASES):
            cases.write(json.dumps({"id": f"c{number:03d}", "input": f"say {number}", "expected": str(number)}) + "\n")
    environment = dict(os.environ, ASSAY_HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    session = KernelSession.start(cwd=project, log_path=tmp_path / "kernel-stderr.log", env=environment)
    try:
        yield session
    finally:
        session.stop()


def progress_of(message: Message) -> dict[str, Any]:
    """The progress JSON of a display message (Jupyter may hand JSON types over parsed or as text)."""
    value = message["content"]["data"][PROGRESS]
    return json.loads(value) if isinstance(value, str) else value


def test_a_run_shows_one_progress_display_updated_until_done(project_kernel: KernelSession) -> None:
    code = (
        'suite = load("cases.jsonl")\n'
        'r = run(suite, template: template("{{ input }}"), model: "slow", metrics: ["exact"], concurrency: 4)\n'
        "r/counts/ok"
    )
    msg_id = project_kernel.client.execute(code)
    reply = project_kernel.shell_reply(msg_id, timeout=120)
    outputs = project_kernel.iopub_until(msg_id, is_idle, timeout=30)
    assert reply["content"]["status"] == "ok", reply["content"]
    assert result_text(outputs) == str(CASES)

    displays = [m for m in outputs if m["msg_type"] == "display_data" and PROGRESS in m["content"]["data"]]
    assert len(displays) == 1, f"expected one progress display, got {len(displays)}"
    display_id = displays[0]["content"]["transient"]["display_id"]
    assert display_id

    updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
    assert updates, "the progress display was never updated"
    assert all(m["content"]["transient"]["display_id"] == display_id for m in updates)
    for message in [displays[0], *updates]:
        assert {"text/plain", "text/html", PROGRESS} <= set(message["content"]["data"])

    # The display comes first, the updates count up, and the last one shows the finished run.
    order = [m["header"]["msg_id"] for m in outputs]
    assert order.index(displays[0]["header"]["msg_id"]) < order.index(updates[0]["header"]["msg_id"])
    done = [progress_of(m)["done"] for m in [displays[0], *updates]]
    assert done == sorted(done), f"progress went backwards: {done}"
    final = progress_of(updates[-1])
    assert final["done"] == final["total"] == CASES
    assert final["final"] is True
    assert f"{CASES}/{CASES}" in updates[-1]["content"]["data"]["text/plain"]
    assert not any(progress_of(m)["final"] for m in [displays[0], *updates[:-1]]), "only the last report is final"

    # The run's result comes after its progress.
    results = [m for m in outputs if m["msg_type"] == "execute_result"]
    assert order.index(updates[-1]["header"]["msg_id"]) < order.index(results[0]["header"]["msg_id"])
