"""Scores the benchmark corpus with rouge-score 0.1.2 and sacrebleu 2.6.0, timing each metric.

    python score_python.py --corpus corpus.jsonl --output python.json [--repeat 1]

Each metric runs over the whole corpus `--repeat` times and its fastest run is kept (wall
clock and process CPU time, each the minimum). Reading the
corpus and writing the results are not timed. The output has the same layout as the Swift
benchmark's (see bench/README.md), so that compare.py can check them value by value.
"""
import argparse
from importlib import metadata
import json
import time

import sacrebleu
from rouge_score import rouge_scorer
from sacrebleu.metrics import BLEU, CHRF

ROUGE_TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]


def rouge(use_stemmer, predictions, references):
    scorer = rouge_scorer.RougeScorer(ROUGE_TYPES, use_stemmer=use_stemmer)
    return [scorer.score(reference, prediction) for prediction, reference in zip(predictions, references)]


def render_rouge(scores):
    return {
        name: {
            part: [getattr(score[name], part) for score in scores]
            for part in ("precision", "recall", "fmeasure")
        }
        for name in ROUGE_TYPES
    }


def sentence_bleu(predictions, references):
    # sacrebleu.sentence_bleu() builds a new BLEU object per call; one object is the fair,
    # faster way to score many sentences, with the same numbers.
    bleu = BLEU(effective_order=True)
    return [bleu.sentence_score(p, [r]).score for p, r in zip(predictions, references)]


def sentence_chrf(predictions, references):
    chrf = CHRF()
    return [chrf.sentence_score(p, [r]).score for p, r in zip(predictions, references)]


def render_corpus_bleu(result):
    return {
        "score": result.score, "counts": result.counts, "totals": result.totals,
        "precisions": result.precisions, "bp": result.bp, "sys_len": result.sys_len, "ref_len": result.ref_len,
    }


METRICS = {
    "rouge_nostem": (lambda p, r: rouge(False, p, r), render_rouge),
    "rouge_stem": (lambda p, r: rouge(True, p, r), render_rouge),
    "sentence_bleu": (sentence_bleu, lambda values: values),
    "corpus_bleu": (lambda p, r: BLEU().corpus_score(p, [r]), render_corpus_bleu),
    "sentence_chrf": (sentence_chrf, lambda values: values),
    "corpus_chrf": (lambda p, r: CHRF().corpus_score(p, [r]), lambda result: {"score": result.score}),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with open(args.corpus, encoding="utf-8") as file:
        pairs = [json.loads(line) for line in file if line.strip()]
    predictions = [pair["prediction"] for pair in pairs]
    references = [pair["reference"] for pair in pairs]
    timings, cpu_times, results = {}, {}, {}
    for name, (score, render) in METRICS.items():
        wall, cpu, outcome = float("inf"), float("inf"), None
        for _ in range(max(1, args.repeat)):
            start_wall, start_cpu = time.perf_counter(), time.process_time()
            outcome = score(predictions, references)
            wall = min(wall, time.perf_counter() - start_wall)
            cpu = min(cpu, time.process_time() - start_cpu)
        timings[name], cpu_times[name] = wall, cpu
        results[name] = render(outcome)
        print(f"{name:<14} {wall:10.4f} s  (cpu {cpu:.4f} s)", flush=True)
    document = {
        "implementation": "python",
        "versions": {"rouge-score": metadata.version("rouge-score"), "sacrebleu": sacrebleu.__version__},
        "pairs": len(pairs),
        "timings_seconds": timings,
        "cpu_seconds": cpu_times,
        "results": results,
    }
    with open(args.output, "w", encoding="utf-8") as file:
        json.dump(document, file)


if __name__ == "__main__":
    main()
