import ArgumentParser
import AssayCore
import AssayEvaluation
import AssaySession
import AssayShell

/// `assay run`'s CI gates: `--expect METRIC>=NUMBER`, `--baseline RUN [--alpha A]` (no regression
/// significant at alpha on each expected metric), `--junit PATH [--junit-cases]`. A failed gate
/// exits 2.
struct RunGates: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A gate on the run: METRIC>=NUMBER (also <=, >, <, ==, !=), e.g. exact>=0.9; with --baseline, METRIC alone gates only on regression; repeatable.",
        valueName: "expectation"))
    var expect: [String] = []

    @Option(help: ArgumentHelp("A stored run to compare with: each --expect metric must not regress significantly from it.", valueName: "run"))
    var baseline: String?

    @Option(help: ArgumentHelp("The significance level of --baseline's regression test.", valueName: "alpha"))
    var alpha: Double = 0.05

    @Option(help: ArgumentHelp("Write the gates' verdicts as a JUnit XML report.", valueName: "path"), completion: .file())
    var junit: String?

    @Flag(help: "With --junit, add one test case per case.")
    var junitCases = false

    /// The expectations as written: a threshold, or with `--baseline` a metric alone.
    func expectations() throws -> [(metric: String, threshold: Expectation?)] {
        try expect.map { text in
            do throws(ExpectationError) {
                let expectation = try Expectation(parsing: text)
                return (expectation.metric, expectation)
            } catch {
                let bare = text.trimmingCharacters(in: .whitespaces)
                if baseline != nil, !bare.isEmpty, !bare.contains(where: { "<>=!".contains($0) }) { return (bare, nil) }
                throw ValidationError("--expect: \(error.message); \(error.hint)")
            }
        }
    }

    func validate() throws {
        _ = try expectations()
        if baseline != nil, expect.isEmpty {
            throw ValidationError("--baseline needs --expect METRIC: the metric that must not regress, e.g. --expect exact")
        }
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1, not \(alpha)") }
        if junitCases, junit == nil { throw ValidationError("--junit-cases needs --junit PATH") }
    }

    /// The baseline run, resolved before the new run is made (so that `latest` means the run
    /// before it); nil without `--baseline`.
    func resolveBaseline(_ call: SessionCall) -> Result<CallResult, ExitStatus>? {
        baseline.map { call.value("runs", [.json(.string($0))]) }
    }

    /// Checks the gates on the new run; returns the exit status (0, 1 for an error, 2 for a failed
    /// gate).
    func check(_ call: SessionCall, run: CallResult, baseline: CallResult?) throws -> Int32 {
        let expectations = try expectations()
        for case let (_, threshold?) in expectations {
            guard case .threshold(let op, let value) = threshold.kind else { continue }
            let checked = call.value("expect", [.result(run), .json(.string(threshold.metric)), .json(.string(op.rawValue)), .json(.double(value))])
            if case .failure(let status) = checked { return status.code }
        }
        if let baseline {
            let compared = call.value("compare", [.result(baseline), .result(run)])
            guard case .success(let comparison) = compared else { return compared.status }
            var seen = Set<String>()
            for (metric, _) in expectations where seen.insert(metric).inserted {
                let checked = call.value("expect", [.result(comparison), .json(.string(metric))],
                                         keywords: [("no_regression", .json(.bool(true))), ("alpha", .json(.double(alpha)))])
                if case .failure(let status) = checked { return status.code }
            }
        }
        if let junit {
            let written = call.value("junit", [.json(.string(junit))], keywords: [("cases", .json(.bool(junitCases)))])
            if case .failure(let status) = written { return status.code }
        }
        return ScriptRunner.verdict(of: call.session).rawValue
    }
}
