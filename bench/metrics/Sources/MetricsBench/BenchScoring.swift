import AssayMetrics
import Foundation

/// Scores the corpus with every benchmarked metric, timing each one.
///
/// Each metric runs `repeats` times over the whole corpus and its fastest run is kept; reading
/// the corpus and writing results are not timed. The Python script does the same with
/// rouge-score and sacrebleu, so the two result files can be compared value by value.
struct BenchScoring {
    /// The metric names, in the order they run and are reported.
    static let metrics = [
        "rouge_nostem", "rouge_stem", "sentence_bleu", "corpus_bleu", "sentence_chrf", "corpus_chrf",
    ]

    let predictions: [String]
    let references: [String]
    let repeats: Int

    /// The timings and results of a run.
    struct Report {
        /// Wall-clock seconds of each metric's fastest run.
        var wall: [(String, Double)] = []
        /// Process CPU seconds of each metric's least expensive run.
        var cpu: [(String, Double)] = []
        /// Each metric's results as JSON text.
        var results: [(String, String)] = []
    }

    /// Runs every metric `repeats` times, keeping the fastest times and the results.
    func run() -> Report {
        var report = Report()
        for metric in Self.metrics {
            var wall = Double.infinity
            var cpu = Double.infinity
            var outcome: Outcome?
            for _ in 0..<max(1, repeats) {
                let (startWall, startCPU) = (Self.seconds(CLOCK_MONOTONIC), Self.seconds(CLOCK_PROCESS_CPUTIME_ID))
                outcome = score(metric)
                wall = min(wall, Self.seconds(CLOCK_MONOTONIC) - startWall)
                cpu = min(cpu, Self.seconds(CLOCK_PROCESS_CPUTIME_ID) - startCPU)
            }
            report.wall.append((metric, wall))
            report.cpu.append((metric, cpu))
            report.results.append((metric, render(outcome!)))
        }
        return report
    }

    /// The current reading of a POSIX clock, in seconds.
    private static func seconds(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// What one metric produced, kept as computed so that rendering is not timed.
    private enum Outcome {
        case rouge([RougeType], [[RougeType: RougeScore]])
        case sentences([Double])
        case corpusBLEU(BLEUScore)
        case corpusCHRF(Double)
    }

    /// Scores the corpus with one metric.
    private func score(_ metric: String) -> Outcome {
        switch metric {
        case "rouge_nostem", "rouge_stem":
            let types: [RougeType] = [.rouge1, .rouge2, .rougeL, .rougeLsum]
            let scorer = RougeScorer(types: types, useStemmer: metric == "rouge_stem")
            return .rouge(types, scorer.scores(targets: references, predictions: predictions))
        case "sentence_bleu":
            return .sentences(
                BLEU.sentenceLevel.sentenceScores(hypotheses: predictions, references: [references]).map(\.score))
        case "corpus_bleu":
            return .corpusBLEU(BLEU().corpusScore(hypotheses: predictions, references: [references]))
        case "sentence_chrf":
            return .sentences(CHRF().sentenceScores(hypotheses: predictions, references: [references]).map(\.score))
        default:
            return .corpusCHRF(CHRF().corpusScore(hypotheses: predictions, references: [references]).score)
        }
    }

    /// A metric's results as JSON text, in the layout the Python script writes.
    private func render(_ outcome: Outcome) -> String {
        switch outcome {
        case .rouge(let types, let scores):
            return JSONText.object(types.map { type in
                (type.name, JSONText.object([
                    ("precision", JSONText.numbers(scores.map { $0[type]!.precision })),
                    ("recall", JSONText.numbers(scores.map { $0[type]!.recall })),
                    ("fmeasure", JSONText.numbers(scores.map { $0[type]!.fmeasure })),
                ]))
            })
        case .sentences(let values):
            return JSONText.numbers(values)
        case .corpusBLEU(let bleu):
            return JSONText.object([
                ("score", JSONText.number(bleu.score)),
                ("counts", "[" + bleu.counts.map(String.init).joined(separator: ",") + "]"),
                ("totals", "[" + bleu.totals.map(String.init).joined(separator: ",") + "]"),
                ("precisions", JSONText.numbers(bleu.precisions)),
                ("bp", JSONText.number(bleu.brevityPenalty)),
                ("sys_len", String(bleu.systemLength)), ("ref_len", String(bleu.referenceLength)),
            ])
        case .corpusCHRF(let score):
            return JSONText.object([("score", JSONText.number(score))])
        }
    }
}
