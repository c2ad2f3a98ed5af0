import AssayEvaluation
import AssayLanguage

/// The engine's per-case scores and flaky cases as language values.
enum VerdictValues {
    /// `r/by_case`: one record per case, `{id, samples, scores: {exact: [1, 0, 1]}, reduced: {exact: 0.6667}}`,
    /// the metrics nested as their paths nest.
    static func byCase(_ cases: [CaseScores]) -> Value {
        .list(cases.map { scores in
            var perSample = Record()
            for (path, values) in scores.values {
                perSample = RunSummary.inserting(.list(values.map(Value.float)), at: path[...], into: perSample)
            }
            var reduced = Record()
            for (path, score) in scores.reduced {
                reduced = RunSummary.inserting(.float(score), at: path[...], into: reduced)
            }
            return .record(Record([
                ("id", .string(scores.caseID)), ("samples", .integer(scores.samples)),
                ("scores", .record(perSample)), ("reduced", .record(reduced)),
            ]))
        })
    }

    /// `r/flaky`: the cases whose samples disagree on a metric path, each
    /// `{id, metric, samples, passed, pass_rate, wilson: {lower, upper, level}, scores}`.
    static func flaky(_ cases: [CaseScores], path: [String]) -> Value {
        .list(FlakyCase.among(cases, path: path).map { flaky in
            .record(Record([
                ("id", .string(flaky.caseID)), ("metric", .string(path.joined(separator: "/"))),
                ("samples", .integer(flaky.values.count)), ("passed", .integer(flaky.passed)),
                ("pass_rate", .float(flaky.passRate)),
                ("wilson", .record(Record([
                    ("lower", .float(flaky.interval.lower)), ("upper", .float(flaky.interval.upper)),
                    ("level", .float(flaky.interval.level)),
                ]))),
                ("scores", .list(flaky.values.map(Value.float))),
            ]))
        })
    }
}
