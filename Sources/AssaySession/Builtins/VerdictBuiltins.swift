import AssayCore
import AssayEvaluation
import AssayLanguage
import Foundation

/// `expect`, `junit`, `sample_size`, `flaky` and `pass_at`: verdicts a script or a CI job acts on.
enum VerdictBuiltins {
    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "expect", usage: "expect(r, \"exact\", \">=\", 0.9) or expect(compare(base, r), \"rouge/rougeL/f1\", no_regression: true, alpha: 0.05)",
                summary: "Checks a metric of a run against a threshold, or a comparison for a regression significant at alpha; prints PASS or FAIL with the figures. A script with a failed expectation exits 2.",
                parameters: [.positional("subject"), .positional("metric"), .positional("op", required: false),
                             .positional("value", required: false), .keyword("no_regression"), .keyword("alpha")],
                isSilent: true
            ) { [unowned state] arguments, invoker throws(BuiltinFailure) in
                let outcome = try check(arguments, state: state)
                state.expectations.record(outcome)
                if outcome.passed {
                    invoker.write(outcome.line + "\n")
                } else {
                    state.sink(.stream(.stderr, outcome.line + "\n"))
                }
                return .null
            },
            Builtin(
                name: "junit", usage: "junit(\"report.xml\", cases: false)",
                summary: "Writes the session's expectations so far as a JUnit XML report (one test case per expectation; cases: true adds one per case).",
                parameters: [.positional("path"), .keyword("cases")], isSilent: true
            ) { [unowned state] arguments, invoker throws(BuiltinFailure) in
                guard let path = try arguments.string("path") else {
                    throw BuiltinFailure(message: "junit needs the path of the report to write", argument: "path")
                }
                let outcomes = state.expectations.all
                let report = JUnitReport(outcomes: outcomes, includesCases: try arguments.boolean("cases") ?? false)
                do {
                    try report.xml.write(toFile: state.resolvePath(path), atomically: true, encoding: .utf8)
                } catch {
                    throw BuiltinFailure(message: "cannot write \(path): \(error.localizedDescription)", argument: "path", id: "io.save")
                }
                let failed = outcomes.count { !$0.passed }
                invoker.write("saved the JUnit report of \(outcomes.count) expectation\(outcomes.count == 1 ? "" : "s") (\(failed) failed) to \(path)\n")
                return .null
            },
            Builtin(
                name: "sample_size", usage: "sample_size(baseline: r, effect: 0.05, metric:, alpha: 0.05, power: 0.8, correlation: 0)",
                summary: "How many cases a paired comparison needs to detect a difference of `effect` in a metric's mean, from the baseline run's own spread.",
                parameters: [.keyword("baseline", required: true), .keyword("effect", required: true), .keyword("metric"),
                             .keyword("alpha"), .keyword("power"), .keyword("correlation")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                try sampleSize(arguments, state: state)
            },
            Builtin(
                name: "flaky", usage: "flaky(r, \"exact\")",
                summary: "The cases whose samples disagree on a metric (some pass, some fail), with their pass rate and its Wilson interval; r/flaky is the same on the run's first metric.",
                parameters: [.positional("run"), .positional("metric", required: false)]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let run = try AnalysisBuiltins.run(try arguments.required("run"), state: state, argument: "run", function: "flaky")
                guard let metric = try arguments.string("metric") else { return run.member("flaky") ?? .list([]) }
                let entry = try statisticsEntry(run.runStatistics, metric: metric, run: run)
                return VerdictValues.flaky(run.caseScores, path: entry.path)
            },
            Builtin(
                name: "pass_at", usage: "pass_at(k)",
                summary: "The pass@k reducer for run(…, samples: n, reduce: pass_at(k)): the unbiased chance that one of k samples passes (written \"pass@k\").",
                parameters: [.positional("k")]
            ) { arguments, _ throws(BuiltinFailure) in
                guard let k = try arguments.integer("k"), k >= 1 else {
                    throw BuiltinFailure(message: "pass_at needs a whole number k of at least 1", argument: "k")
                }
                return .string(SampleReducer.passAt(k).name)
            },
        ]
    }

    /// The verdict of one `expect` call.
    static func check(_ arguments: CallArguments, state: SessionState) throws(BuiltinFailure) -> ExpectationOutcome {
        guard let metric = try arguments.string("metric") else {
            throw BuiltinFailure(message: "expect needs a metric path such as \"exact\" or \"rouge/rougeL/f1\"", argument: "metric")
        }
        let subject = try arguments.required("subject")
        let expectation: Expectation
        if try arguments.boolean("no_regression") == true {
            let alpha = try arguments.number("alpha") ?? 0.05
            guard alpha > 0, alpha < 1 else { throw BuiltinFailure(message: "alpha must be between 0 and 1, not \(alpha)", argument: "alpha") }
            expectation = Expectation(metric: metric, kind: .noRegression(alpha: alpha))
        } else {
            guard let opText = try arguments.string("op"), let value = try arguments.number("value") else {
                throw BuiltinFailure(message: "expect needs a comparison and a number, or no_regression: true",
                                     hint: "expect(r, \"\(metric)\", \">=\", 0.9), or expect(compare(base, r), \"\(metric)\", no_regression: true)",
                                     argument: "op")
            }
            guard let op = Expectation.Operator(rawValue: opText) else {
                throw BuiltinFailure(message: "expect compares with >=, <=, >, <, == or !=, not '\(opText)'", argument: "op")
            }
            expectation = Expectation(metric: metric, kind: .threshold(op, value))
        }
        func failure(_ error: ExpectationError) -> BuiltinFailure {
            BuiltinFailure(message: error.message, hint: error.hint, argument: "metric")
        }
        if case .object(let object as ComparisonObject) = subject {
            do throws(ExpectationError) { return try expectation.check(comparison: object.comparison) } catch { throw failure(error) }
        }
        let run = try AnalysisBuiltins.run(subject, state: state, argument: "subject", function: "expect")
        do throws(ExpectationError) { return try expectation.check(run: run.run) } catch { throw failure(error) }
    }

    /// `sample_size(baseline: r, effect: 0.05)` as a record.
    static func sampleSize(_ arguments: CallArguments, state: SessionState) throws(BuiltinFailure) -> Value {
        let run = try AnalysisBuiltins.run(try arguments.required("baseline"), state: state, argument: "baseline", function: "sample_size")
        let statistics = run.runStatistics
        guard let first = statistics.entries.first else {
            throw BuiltinFailure(message: "run \(run.record.idText.prefix(8)) has no scored metric to size a comparison by", argument: "baseline")
        }
        let entry = try arguments.string("metric").map { metric throws(BuiltinFailure) in try statisticsEntry(statistics, metric: metric, run: run) } ?? first
        guard let effect = try arguments.number("effect") else {
            throw BuiltinFailure(message: "sample_size needs effect: the difference to detect, in the metric's units", argument: "effect")
        }
        let size: SampleSize
        let alpha = try arguments.number("alpha") ?? 0.05, power = try arguments.number("power") ?? 0.8
        let correlation = try arguments.number("correlation") ?? 0
        do throws(ExpectationError) {
            size = try SampleSize(standardDeviation: entry.summary.standardDeviation, effect: effect, alpha: alpha, power: power,
                                  correlation: correlation)
        } catch {
            throw BuiltinFailure(message: error.message, hint: error.hint)
        }
        return .record(Record([
            ("cases", .integer(size.cases)), ("metric", .string(entry.name)), ("effect", .float(size.effect)),
            ("alpha", .float(size.alpha)), ("power", .float(size.power)), ("correlation", .float(size.correlation)),
            ("stdev", .float(size.standardDeviation)), ("stdev_difference", .float(size.differenceDeviation)),
            ("baseline_cases", .integer(entry.summary.count)),
        ]))
    }

    /// A run's statistics entry by path, or an error with a did-you-mean.
    static func statisticsEntry(_ statistics: RunStatistics, metric: String, run: RunObject) throws(BuiltinFailure) -> RunStatistics.Entry {
        if let entry = statistics.entry(named: metric) { return entry }
        let names = statistics.entries.map(\.name)
        throw BuiltinFailure(
            message: "run \(run.record.idText.prefix(8)) has no metric '\(metric)'",
            hint: Suggestion.didYouMean(metric, among: names) ?? "its metrics: " + names.joined(separator: ", "), argument: "metric")
    }
}
