"""A run's progress in `jupyter console`, the terminal front end, driven under a pty: it redraws
the progress line frame by frame, though it ignores `update_display_data`."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pexpect

CASES = 200

# A mock model that pauses before each answer: 200 cases at 20 ms, four at a time, take at least a
# second, and the run reports its progress up to ten times a second.
MODELS = [{"name": "slow", "type": "MOCK", "mock": "perfect", "latency_ms": 20}]

RUN = (
    'r = run(load("cases.jsonl"), template: template("{{ input }}"), model: "slow", metrics: ["exact"], concurrency: 4); '
    "r/counts/ok"
)

# A frame of the progress line: `run 1f3a9c2e ▕█████░░░░░▏ 120/200 · …`.
FRAME = re.compile(r"run [0-9a-f]{8} \S+ (\d+)/" + str(CASES))


def make_project(folder: Path) -> None:
    folder.mkdir()
    (folder / "models.json").write_text(json.dumps(MODELS), encoding="utf-8")
    with open(folder / "cases.jsonl", "w", encoding="utf-8") as cases:
        for number in range(CASES):
            cases.write(json.dumps({"id": f"c{number:03d}", "input": f"say {number}", "expected": str(number)}) + "\n")


def test_jupyter_console_redraws_a_run_s_progress_until_it_is_done(tmp_path: Path) -> None:
    project = tmp_path / "project"
    make_project(project)
    environment = dict(os.environ, ASSAY_HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    jupyter = str(Path(sys.executable).with_name("jupyter"))
    console = pexpect.spawn(
        jupyter, ["console", "--kernel", "assay", "--simple-prompt"],
        cwd=str(project), env=environment, encoding="utf-8", codec_errors="replace", timeout=120, dimensions=(50, 200),
    )
    try:
        console.expect(r"In \[1\]: ")
        console.sendline(RUN)
        console.expect(r"Out\[1\]: " + str(CASES))
        transcript = console.before

        counts = [int(done) for done in FRAME.findall(transcript)]
        assert len(set(counts)) >= 3, f"expected the first frame and at least two more, saw {counts}:\n{transcript!r}"
        assert counts == sorted(counts), f"progress went backwards: {counts}"
        assert counts[-1] == CASES
        # Updates overwrite one line: a frame is followed by a carriage return and the next frame.
        assert re.search(r"/" + str(CASES) + r"[^\n]*\rrun [0-9a-f]{8} ", transcript), repr(transcript)
        last = transcript[transcript.rindex(f"{CASES}/{CASES}"):]
        assert "done" in last.splitlines()[0]

        console.expect(r"In \[2\]: ")
        console.sendeof()
        if console.expect([pexpect.EOF, r"exit \(\[y\]/n\)\? "]) == 1:
            console.sendline("y")
            console.expect(pexpect.EOF)
    finally:
        console.close(force=True)
