"""Writes the seeded suites bench/scale.sh loads: N cases as JSONL with ids, the same cases as
JSONL without ids (so every id is a content hash) and as CSV.

Each case has four short fields: id, input (a question of a few words), expected (a short
answer) and tags (one or two of a handful). Randomness is SplitMix64 seeded with --seed, so the
files are the same on every machine and Python version.

    python3 generate.py --count 1000000 --seed 20261207 --output DIR
"""
import argparse
import csv
import json
import os

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n


SUBJECTS = ["invoice", "refund", "password", "delivery", "account", "printer", "license", "meeting",
            "report", "upgrade", "warranty", "backup", "server", "budget", "contract", "ticket"]
VERBS = ["cancel", "renew", "reset", "track", "update", "check", "move", "close", "open", "share"]
ANSWERS = ["yes", "no", "billing", "support", "sales", "later", "escalate", "refund", "done"]
TAGS = ["easy", "hard", "billing", "support", "urgent", "menu", "math", "legal"]


def cases(count, seed):
    rng = SplitMix64(seed)
    for number in range(count):
        subject = SUBJECTS[rng.below(len(SUBJECTS))]
        verb = VERBS[rng.below(len(VERBS))]
        amount = rng.below(100000)
        question = f"How do I {verb} the {subject} #{amount} for customer {rng.below(10000)} today?"
        tags = [TAGS[rng.below(len(TAGS))]]
        if rng.below(2):
            second = TAGS[rng.below(len(TAGS))]
            if second != tags[0]:
                tags.append(second)
        yield {"id": f"case-{number:07d}", "input": question,
               "expected": ANSWERS[rng.below(len(ANSWERS))], "tags": tags}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--output", required=True)
    options = parser.parse_args()
    os.makedirs(options.output, exist_ok=True)
    with open(os.path.join(options.output, "big.jsonl"), "w") as with_ids, \
            open(os.path.join(options.output, "big-hashed.jsonl"), "w") as hashed, \
            open(os.path.join(options.output, "big.csv"), "w", newline="") as table:
        writer = csv.writer(table, lineterminator="\n")
        writer.writerow(["id", "input", "expected", "tags"])
        for case in cases(options.count, options.seed):
            with_ids.write(json.dumps(case) + "\n")
            without = {key: value for key, value in case.items() if key != "id"}
            hashed.write(json.dumps(without) + "\n")
            writer.writerow([case["id"], case["input"], case["expected"], "; ".join(case["tags"])])


if __name__ == "__main__":
    main()
