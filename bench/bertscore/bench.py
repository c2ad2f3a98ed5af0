"""BERTScore: Assay's native encoder next to the bert-score package, on the same pairs and model.

Makes 2,000 distinct pairs from the 200 generated summary pairs in Tests/Fixtures/bertscore
(pair k takes pair k mod 200 and appends the first k div 200 + 1 words of another pair's texts),
then times whole processes scoring the first 10, 200 and 2,000 pairs: `assay -c 'bertscore(…)'`
with a fresh run store (so no cached embedding is reused) and `python -c 'bert_score.score(…)'`,
both with the same local all-MiniLM-L6-v2 folder, 6 layers, no IDF, batch 64, on the CPU.
Steady state is 1800 pairs / (t(2000) - t(200)) for each. It also checks that the F1 values of the
200-pair call agree, and says which OpenBLAS kernel the machine uses.

On a shared machine, REPEAT=n runs every measurement n times, assay and bert-score taking turns,
and keeps the fastest wall time of each (the run least disturbed by other work); it also prints
the CPU time (user + system) of those runs, which other work disturbs less than wall time.

Usage: [REPEAT=n] python bench.py ASSAY_BINARY MODEL_FOLDER PYTHON_WITH_BERT_SCORE
"""
from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "Tests/Fixtures/bertscore/pairs.jsonl"


def make_pairs(count: int) -> list[dict]:
    base = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    pairs = []
    for k in range(count):
        first, other = base[k % len(base)], base[(k * 7 + 3) % len(base)]
        extra = k // len(base) + 1
        pairs.append({
            "candidate": first["prediction"] + " " + " ".join(other["prediction"].split()[:extra]),
            "reference": first["reference"] + " " + " ".join(other["reference"].split()[:extra]),
        })
    assert len({(p["candidate"], p["reference"]) for p in pairs}) == count
    return pairs


def timed(command: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Runs a command; returns its wall time, its CPU time (user + system) and its output."""
    before = os.times()
    began = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - began
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command[:2])}…\n{result.stderr[-2000:]}")
    return elapsed, cpu, result.stdout


def openblas_core() -> str:
    for name in ("libopenblas.so.0", "libopenblas.so"):
        try:
            library = ctypes.CDLL(name)
            library.openblas_get_corename.restype = ctypes.c_char_p
            return library.openblas_get_corename().decode()
        except OSError:
            continue
    return "unknown"


def main() -> None:
    assay, model, python = sys.argv[1], str(Path(sys.argv[2]).resolve()), sys.argv[3]
    pairs = make_pairs(2000)
    work = Path(tempfile.mkdtemp(prefix="assay-bertscore-bench-"))
    print(f"OpenBLAS core: {openblas_core()} (OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')})")
    repeat = max(1, int(os.environ.get("REPEAT", "1")))
    print(f"each measurement: fastest of {repeat} run(s)")
    rows = []
    f1 = {}
    for count in (10, 200, 2000):
        path = work / f"pairs-{count}.jsonl"
        path.write_text("".join(json.dumps(p) + "\n" for p in pairs[:count]))
        code = (f'p = load("{path}"); s = bertscore(p/*/candidate, p/*/reference, model: "{model}", layers: 6); '
                'json(s/scores/*/f1)')
        script = (
            "import json, sys\n"
            "from bert_score import score\n"
            f"pairs = [json.loads(l) for l in open({str(path)!r})]\n"
            f"P, R, F = score([p['candidate'] for p in pairs], [p['reference'] for p in pairs], model_type={model!r}, "
            "num_layers=6, idf=False, batch_size=64, device='cpu', lang=None)\n"
            "print(json.dumps(F.tolist()))\n"
        )
        best_assay = best_python = None
        for attempt in range(repeat):
            # A fresh run store every time, so no cached embedding is reused.
            home = work / f"home-{count}-{attempt}"
            run = timed([assay, "-c", code], env={**os.environ, "ASSAY_HOME": str(home)})
            best_assay = min(best_assay or run, run, key=lambda r: r[0])
            run = timed([python, "-c", script])
            best_python = min(best_python or run, run, key=lambda r: r[0])
        if count == 200:
            f1["assay"] = json.loads(best_assay[2].strip().splitlines()[-1])
            f1["python"] = json.loads(best_python[2].strip().splitlines()[-1])
        rows.append((count, best_assay[0], best_python[0], best_assay[1], best_python[1]))
    print(f"{'pairs':>6} {'assay s':>9} {'bert-score s':>13} {'ratio':>7}   {'assay cpu s':>11} {'bert-score cpu s':>16}")
    for count, a, p, a_cpu, p_cpu in rows:
        print(f"{count:>6} {a:>9.3f} {p:>13.3f} {p / a:>6.1f}x   {a_cpu:>11.2f} {p_cpu:>16.2f}")
    steady_assay = 1800 / (rows[2][1] - rows[1][1])
    steady_python = 1800 / (rows[2][2] - rows[1][2])
    print(f"steady state: assay {steady_assay:.1f} pairs/s, bert-score {steady_python:.1f} pairs/s, "
          f"ratio {steady_assay / steady_python:.2f}x")
    worst = max(abs(a - b) for a, b in zip(f1["assay"], f1["python"]))
    print(f"F1 of the 200-pair call: max |assay - bert-score| = {worst:.2e} over {len(f1['assay'])} pairs")
    print("targets: whole process >= 5x faster at 200 pairs; steady state at least equal")


if __name__ == "__main__":
    main()
