"""Compares the Swift and Python benchmark results value by value and prints speed ratios.

    python compare.py swift.json python.json [--tolerance 1e-9]

For every metric it prints the number of values compared, the largest absolute difference,
both times (wall clock and CPU) and the ratio Python / Swift. Integers (n-gram counts and
lengths) must be equal. Exits 1 when any value differs by more than the tolerance.
"""
import argparse
import json
import math
import sys


def differences(swift, python, path, out):
    """Appends (path, |difference|) for every number, recursing through lists and dicts."""
    if isinstance(python, dict):
        if not isinstance(swift, dict) or set(swift) != set(python):
            out.append((path, math.inf))
            return
        for key in python:
            differences(swift[key], python[key], f"{path}/{key}", out)
    elif isinstance(python, list):
        if not isinstance(swift, list) or len(swift) != len(python):
            out.append((path, math.inf))
            return
        for index, (a, b) in enumerate(zip(swift, python)):
            differences(a, b, f"{path}/{index}", out)
    elif isinstance(python, int) and not isinstance(python, bool) and isinstance(swift, int):
        out.append((path, 0.0 if swift == python else math.inf))
    elif isinstance(python, (int, float)) and isinstance(swift, (int, float)):
        out.append((path, abs(float(swift) - float(python))))
    else:
        out.append((path, math.inf))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("swift")
    parser.add_argument("python")
    parser.add_argument("--tolerance", type=float, default=1e-9)
    args = parser.parse_args()
    with open(args.swift, encoding="utf-8") as file:
        swift = json.load(file)
    with open(args.python, encoding="utf-8") as file:
        python = json.load(file)
    if swift["pairs"] != python["pairs"]:
        sys.exit(f"different corpora: {swift['pairs']} and {python['pairs']} pairs")

    print(f"{python['pairs']} pairs; times are the fastest of the runs; ratio = Python / Swift")
    header = f"{'metric':<14} {'values':>7} {'max |diff|':>11} {'swift s':>9} {'python s':>9} {'ratio':>8}"
    print(header + f" {'cpu ratio':>9}")
    failed = False
    groups = {"rouge": ["rouge_nostem", "rouge_stem"],
              "sacrebleu": ["sentence_bleu", "corpus_bleu", "sentence_chrf", "corpus_chrf"]}
    totals = {name: [0.0, 0.0, 0.0, 0.0] for name in groups}
    for metric in python["results"]:
        found = []
        differences(swift["results"].get(metric), python["results"][metric], metric, found)
        worst = max((difference for _, difference in found), default=0.0)
        failed |= worst > args.tolerance
        wall_s, wall_p = swift["timings_seconds"][metric], python["timings_seconds"][metric]
        cpu_s, cpu_p = swift["cpu_seconds"][metric], python["cpu_seconds"][metric]
        for name, members in groups.items():
            if metric in members:
                for index, value in enumerate((wall_s, wall_p, cpu_s, cpu_p)):
                    totals[name][index] += value
        print(f"{metric:<14} {len(found):>7} {worst:>11.3g} {wall_s:>9.4f} {wall_p:>9.3f} "
              f"{wall_p / wall_s:>7.1f}x {cpu_p / cpu_s:>8.1f}x")
        if worst > args.tolerance:
            for path, difference in [item for item in found if item[1] > args.tolerance][:5]:
                print(f"    {path}: |diff| {difference:.3g}")
    for name, (wall_s, wall_p, cpu_s, cpu_p) in totals.items():
        print(f"{name + ' (all)':<22} {'':>11} {wall_s:>9.4f} {wall_p:>9.3f} "
              f"{wall_p / wall_s:>7.1f}x {cpu_p / cpu_s:>8.1f}x")
    if failed:
        print(f"FAIL: some values differ by more than {args.tolerance:g}")
        sys.exit(1)
    print(f"OK: every value agrees within {args.tolerance:g}")


if __name__ == "__main__":
    main()
