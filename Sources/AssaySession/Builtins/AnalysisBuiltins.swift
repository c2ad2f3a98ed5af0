import AssayCore
import AssayEvaluation
import AssayLanguage

/// `report` (alias `classification`), `compare`, `best` and `worst`: reading what runs say.
enum AnalysisBuiltins {
    static func all(_ state: SessionState) -> [Builtin] {
        let reportSummary = "Classification report of a labels run: accuracy, per-label precision/recall/F1/support, averages, confusion matrix"
        return [
            Builtin(
                name: "report", usage: "report(r)", summary: reportSummary + " (also called classification(r)).",
                parameters: [.positional("run")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                .object(try ClassificationObject(run: run(try arguments.required("run"), state: state, argument: "run", function: "report")))
            },
            Builtin(
                name: "classification", usage: "classification(r)", summary: reportSummary + " (the same as report(r)).",
                parameters: [.positional("run")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                .object(try ClassificationObject(run: run(try arguments.required("run"), state: state, argument: "run", function: "classification")))
            },
            Builtin(
                name: "compare", usage: "compare(a, b, metric:)",
                summary: "Pairs two runs by case id (each case's samples reduced first): per metric both means, delta, 95% paired-bootstrap CI, p; regressed and improved cases.",
                parameters: [.positional("a"), .positional("b"), .keyword("metric")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let first = try state.runs.results(try arguments.required("a"), argument: "a", function: "compare")
                let second = try state.runs.results(try arguments.required("b"), argument: "b", function: "compare")
                let metric = try arguments.string("metric")
                do {
                    return .object(ComparisonObject(comparison: try RunComparison(a: first, b: second, metric: metric)))
                } catch {
                    throw RunReading.failure(error, argument: "a")
                }
            },
            ranking("best", summary: "The n results with the highest value of a metric path: id, input, expected, output and score.", state: state),
            ranking("worst", summary: "The n results with the lowest value of a metric path: id, input, expected, output and score.", state: state),
        ]
    }

    /// A run argument: a run object, or a selector for a stored run.
    static func run(_ value: Value, state: SessionState, argument: String, function: String) throws(BuiltinFailure) -> RunObject {
        try state.runs.runObject(value, argument: argument, function: function)
    }

    private static func ranking(_ name: String, summary: String, state: SessionState) -> Builtin {
        Builtin(
            name: name, usage: "\(name)(r, \"rouge/rougeL/f1\", n: 5)", summary: summary,
            parameters: [.positional("run"), .positional("metric"), .positional("n", required: false)]
        ) { [unowned state] arguments, _ throws(BuiltinFailure) in
            let run = try state.runs.reading(try arguments.required("run"), argument: "run", function: name)
            guard let metric = try arguments.string("metric") else {
                throw BuiltinFailure(message: "\(name) needs a metric path such as \"exact\" or \"rouge/rougeL/f1\"", argument: "metric")
            }
            let count = try arguments.integer("n") ?? 5
            return .object(try table(run, metric: metric, count: count, highest: name == "best"))
        }
    }

    /// The `count` results with the highest (or lowest) value at a metric path, ties in suite order
    /// (ranked by the engine's ``RunRanking``).
    static func table(_ run: RunReading, metric: String, count: Int, highest: Bool) throws(BuiltinFailure) -> RecordTable {
        let ranking: RunRanking
        let kept: [TestCase?]
        do {
            ranking = try RunRanking(run.results, metric: metric, count: count, highest: highest)
            // Only the cases of the rows kept are read.
            kept = try run.cases.cases(of: ranking.entries.map(\.result))
        } catch {
            throw RunReading.failure(error, argument: "run")
        }
        let ordered = zip(ranking.entries, kept).map { entry, testCase in
            (CaseResultObject(result: entry.result, testCase: testCase), entry.score)
        }
        let hasSamples = ranking.hasSamples
        let records = ordered.map { object, number in
            var record = Record([("id", object.member("id") ?? .null)])
            if hasSamples { record["sample"] = .integer(object.result.sample) }
            record["input"] = object.member("input") ?? .null
            record["expected"] = object.member("expected") ?? .null
            record["output"] = object.member("output") ?? .null
            record["score"] = .float(number)
            return record
        }
        let caption = "\(highest ? "best" : "worst") \(records.count) of \(ranking.scoredCount) by \(metric) · \(try run.headline())"
        return RecordTable(records: records, caption: caption, numericColumns: ["score"])
    }
}
