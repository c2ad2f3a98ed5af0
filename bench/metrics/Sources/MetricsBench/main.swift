// MetricsBench: generates the benchmark corpus and scores it with AssayMetrics.
//
//   MetricsBench generate --count 10000 --seed 20240601 --output corpus.jsonl
//   MetricsBench score --corpus corpus.jsonl --output swift.json [--repeat 3]
//
// `score` prints one line per metric with its fastest time and writes every value to the output
// file as JSON (see bench/README.md).
import Foundation

/// The value following `name` on the command line, or `fallback`.
func option(_ name: String, _ fallback: String? = nil) -> String {
    let arguments = CommandLine.arguments
    if let index = arguments.firstIndex(of: name), index + 1 < arguments.count {
        return arguments[index + 1]
    }
    guard let fallback else {
        FileHandle.standardError.write(Data("missing \(name)\n".utf8))
        exit(64)
    }
    return fallback
}

let command = CommandLine.arguments.dropFirst().first ?? ""
do {
    switch command {
    case "generate":
        guard let count = Int(option("--count", "10000")), let seed = UInt64(option("--seed", "20240601")) else {
            FileHandle.standardError.write(Data("--count and --seed take whole numbers\n".utf8))
            exit(64)
        }
        var generator = CorpusGenerator(seed: seed)
        let pairs = generator.pairs(count: count)
        try CorpusFile.write(pairs, to: option("--output"))
        let kinds = Dictionary(grouping: pairs, by: \.kind).mapValues(\.count).sorted { $0.key < $1.key }
        print("generated \(pairs.count) pairs (seed \(seed)):", kinds.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    case "score":
        let pairs = try CorpusFile.read(from: option("--corpus"))
        let scoring = BenchScoring(
            predictions: pairs.map(\.prediction), references: pairs.map(\.reference),
            repeats: Int(option("--repeat", "3")) ?? 3)
        let report = scoring.run()
        for ((metric, wall), (_, cpu)) in zip(report.wall, report.cpu) {
            print(metric.padding(toLength: 14, withPad: " ", startingAt: 0), String(format: "%10.4f s  (cpu %.4f s)", wall, cpu))
        }
        let document = JSONText.object([
            ("implementation", JSONText.quoted("assay")),
            ("pairs", String(pairs.count)),
            ("timings_seconds", JSONText.object(report.wall.map { ($0.0, JSONText.number($0.1)) })),
            ("cpu_seconds", JSONText.object(report.cpu.map { ($0.0, JSONText.number($0.1)) })),
            ("results", JSONText.object(report.results)),
        ])
        try document.write(toFile: option("--output"), atomically: true, encoding: .utf8)
    default:
        FileHandle.standardError.write(Data("usage: MetricsBench generate|score [options] (see bench/README.md)\n".utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
