import Foundation
import Testing

/// Verdicts from the command line: `expect` in scripts (exit 2), reducers kept with stored runs,
/// `assay run --expect … --baseline … --junit …`.
@Suite("Verdicts and CI gates")
struct VerdictCommandTests {
    /// A project with forty cases and three seeded noisy mocks of rising error rates.
    struct Project {
        let directory: URL
        var environment: [String: String] {
            ["ASSAY_HOME": directory.appendingPathComponent(".assay-home").path,
             "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path]
        }

        init() throws {
            directory = try AssayProcess.temporaryDirectory()
            let lines = (0..<40).map { #"{"id": "c\#($0)", "input": "question \#($0)", "expected": "answer \#($0)"}"# }
            try (lines.joined(separator: "\n") + "\n").write(to: url("cases.jsonl"), atomically: true, encoding: .utf8)
            try "Q: {{ input }}\n".write(to: url("prompt.txt"), atomically: true, encoding: .utf8)
            try """
                [{"name": "steady", "type": "MOCK", "mock": "noisy", "rate": 0.1, "seed": 3},
                 {"name": "slipping", "type": "MOCK", "mock": "noisy", "rate": 0.15, "seed": 4},
                 {"name": "broken", "type": "MOCK", "mock": "noisy", "rate": 0.6, "seed": 5}]
                """.write(to: url("models.json"), atomically: true, encoding: .utf8)
        }

        func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

        func assay(_ arguments: String...) async throws -> AssayProcess.Result {
            try await AssayProcess.run(arguments, in: directory, environment: environment)
        }

        /// The id of the latest run.
        func latestID() async throws -> String {
            let result = try await assay("-c", #"print(runs("latest")/id)"#)
            return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    @Test("a script with a failed expect exits 2 after printing it with its figures; a passing one prints a short line")
    func scriptExpectations() async throws {
        let project = try Project()
        let script = """
            r = run(load("cases.jsonl"), template: "Q: {{ input }}", model: "steady", metrics: ["exact"])
            expect(r, "exact", ">=", 0.8)
            expect(r, "exact", ">=", 0.95)
            """
        try script.write(to: project.url("gate.assay"), atomically: true, encoding: .utf8)
        let result = try await project.assay("gate.assay")
        #expect(result.status == 2, "\(result.standardError)")
        let id = try await project.latestID()
        let pass = "PASS exact >= 0.8 · run \(id.prefix(8)): mean 0.875 ["
        let fail = "FAIL exact >= 0.95 · run \(id.prefix(8)): mean 0.875 ["
        #expect(result.standardOutput.contains(pass) && result.standardOutput.contains("n=40, Wilson ["))
        #expect(!result.standardOutput.contains("null"), "expect is a statement: it echoes nothing")
        #expect(result.standardError.contains(fail))
        #expect(result.standardError.contains("assay: 1 of 2 expectations failed:\n  " + fail))

        // An error is still 1, whatever the expectations said before it.
        try (script + "\nnot_a_function()\n").write(to: project.url("broken.assay"), atomically: true, encoding: .utf8)
        #expect(try await project.assay("broken.assay").status == 1)
        // All expectations holding is success.
        let passing = try await project.assay("-c", #"expect(runs("latest"), "exact", ">", 0.5)"#)
        #expect(passing.status == 0 && passing.standardOutput.hasPrefix("PASS exact > 0.5"), "\(passing.standardError)")
        // A comparison gate needs a comparison.
        let misuse = try await project.assay("-c", #"expect(runs("latest"), "exact", no_regression: true)"#)
        #expect(misuse.status == 1 && misuse.standardError.contains("no_regression needs two runs compared, not one run"))
    }

    @Test("reduce: is stored with the run: a new process reads it, reruns keep it, and cases show their samples")
    func reducerIsStored() async throws {
        let project = try Project()
        let made = try await project.assay("-c", #"run(load("cases.jsonl"), template: "Q: {{ input }}", model: "slipping", metrics: ["exact"], samples: 3, reduce: pass_at(2))"#)
        #expect(made.status == 0, "\(made.standardError)")
        #expect(made.standardOutput.contains("n counts cases: 3 samples each, reduced by pass@2"), "\(made.standardOutput)")
        let read = try await project.assay("-c", #"r = runs("latest"); [r/reduce, r/summary/exact/n, len(r/by_case/0/scores/exact), r/by_case/0/reduced/exact >= 0]"#)
        #expect(read.standardOutput == "[\"pass@2\", 40, 3, true]\n", "\(read.standardError)")
        let rerun = try await project.assay("rerun", "latest", "model=broken")
        #expect(rerun.status == 0, "\(rerun.standardError)")
        let kept = try await project.assay("-c", #"r = runs("latest"); [r/reduce, r/model/name, len(r/flaky) > 0, r/flaky/0/samples]"#)
        #expect(kept.standardOutput == "[\"pass@2\", \"broken\", true, 3]\n", "\(kept.standardError)")
        let wrong = try await project.assay("-c", #"run(load("cases.jsonl"), template: "Q: {{ input }}", model: "steady", reduce: "median")"#)
        #expect(wrong.status == 1 && wrong.standardError.contains("there is no reducer 'median'"))
    }

    @Test("--baseline passes an insignificant drop of a seeded noisy model and fails a significant one with exit 2")
    func baselineGate() async throws {
        let project = try Project()
        let base = try await project.assay("run", "cases.jsonl", "--template", "prompt.txt", "--model", "steady", "--metric", "exact")
        #expect(base.status == 0, "\(base.standardError)")
        let baseline = try await project.latestID()

        let slight = try await project.assay("run", "cases.jsonl", "--template", "prompt.txt", "--model", "slipping", "--metric", "exact",
                                             "--expect", "exact", "--baseline", baseline, "--alpha", "0.05", "--junit", "slight.xml")
        #expect(slight.status == 0, "\(slight.standardError)")
        #expect(slight.standardOutput.contains("PASS exact: no significant regression (alpha 0.05) · run "))
        #expect(slight.standardOutput.contains("vs baseline \(baseline.prefix(8)): delta -0.075"))

        let steep = try await project.assay("run", "cases.jsonl", "--template", "prompt.txt", "--model", "broken", "--metric", "exact",
                                            "--expect", "exact>=0.3", "--baseline", baseline, "--junit", "steep.xml", "--junit-cases")
        #expect(steep.status == 2, "\(steep.standardError)")
        #expect(steep.standardOutput.contains("PASS exact >= 0.3"), "the threshold holds; only the regression fails")
        #expect(steep.standardError.contains("FAIL exact: no significant regression (alpha 0.05)"))
        #expect(steep.standardError.contains("assay: 1 of 2 expectations failed:"))

        let report = try String(contentsOf: project.url("steep.xml"), encoding: .utf8)
        #expect(report.components(separatedBy: "<testcase ").count - 1 == 2 + 40, "two expectations and forty cases")
        #expect(report.contains("tests=\"2\" failures=\"1\""))
        let slightReport = try String(contentsOf: project.url("slight.xml"), encoding: .utf8)
        #expect(slightReport.contains("tests=\"1\" failures=\"0\"") && !slightReport.contains("assay cases"))

        // With 1,000 random sign flips p is never below 1/1001, so at alpha 0.0001 the same steep
        // drop is not significant and the gate passes.
        let strict = try await project.assay("run", "cases.jsonl", "--template", "prompt.txt", "--model", "broken", "--metric", "exact",
                                             "--expect", "exact", "--baseline", baseline, "--alpha", "0.0001")
        #expect(strict.status == 0, "\(strict.standardError)")
    }

    @Test("with samples the gate pairs cases: a few cases wrong in every sample stay a few pairs, and the gate passes on them")
    func baselineGateWithSamples() async throws {
        let project = try Project()
        // echo answers the input. In each suite the first `wrong` cases expect something else, so
        // echo is wrong on every sample of them: five samples of three such cases would be fifteen
        // pairs with p near 0.001 if samples were paired, and are three cases (p near 0.25).
        for (name, wrong) in [("same", 0), ("three", 3), ("ten", 10)] {
            let lines = (0..<40).map { i in
                #"{"id": "c\#(i)", "input": "question \#(i)", "expected": "\#(i < wrong ? "something else" : "question \(i)")"}"#
            }
            try (lines.joined(separator: "\n") + "\n").write(to: project.url(name + ".jsonl"), atomically: true, encoding: .utf8)
        }
        try "{{ input }}".write(to: project.url("input.txt"), atomically: true, encoding: .utf8)
        func run(_ suite: String, _ gates: String...) async throws -> AssayProcess.Result {
            try await AssayProcess.run(["run", suite + ".jsonl", "--template", "input.txt", "--model", "echo", "--metric", "exact", "--samples", "5"] + gates,
                                       in: project.directory, environment: project.environment)
        }
        let base = try await run("same")
        #expect(base.status == 0, "\(base.standardError)")
        let baseline = try await project.latestID()

        let few = try await run("three", "--expect", "exact", "--baseline", baseline)
        #expect(few.status == 0, "\(few.standardError)")
        #expect(few.standardOutput.contains("PASS exact: no significant regression (alpha 0.05) · run "), "\(few.standardOutput)")
        #expect(few.standardOutput.contains(" n=40 (1 → 0.925), n counts cases, samples reduced by mean"), "\(few.standardOutput)")
        #expect(few.standardOutput.contains("delta -0.075 ["))

        let many = try await run("ten", "--expect", "exact", "--baseline", baseline, "--junit", "many.xml", "--junit-cases")
        #expect(many.status == 2, "\(many.standardError)")
        #expect(many.standardError.contains("FAIL exact: no significant regression (alpha 0.05)"))
        #expect(many.standardError.contains(" n=40 (1 → 0.75), n counts cases"), "\(many.standardError)")
        let report = try String(contentsOf: project.url("many.xml"), encoding: .utf8)
        #expect(report.components(separatedBy: "<testcase ").count - 1 == 1 + 40, "one expectation and forty cases, not two hundred results")
        #expect(report.components(separatedBy: "<failure ").count - 1 == 1 + 10 && !report.contains("c0#"))

        let compared = try await project.assay("compare", baseline, "latest")
        #expect(compared.status == 0, "\(compared.standardError)")
        #expect(compared.standardOutput.contains("40 cases paired (a: 5 samples per case reduced by mean; b: 5 samples per case reduced by mean)"))
        #expect(compared.standardOutput.contains("exact regressed (10): c0, c1, c2, c3, c4, c5, c6, c7, c8, c9\n"), "\(compared.standardOutput)")
    }

    @Test("gate mistakes are usage errors (64), and a threshold alone gates without a baseline")
    func gateUsage() async throws {
        let project = try Project()
        let noMetric = try await project.assay("run", "cases.jsonl", "--template", "prompt.txt", "--model", "steady", "--baseline", "latest")
        #expect(noMetric.status == 64 && noMetric.standardError.contains("--baseline needs --expect METRIC"))
        let bare = try await project.assay("run", "cases.jsonl", "--template", "prompt.txt", "--model", "steady", "--expect", "exact")
        #expect(bare.status == 64 && bare.standardError.contains("the expectation 'exact' has no comparison"))
        let notNumber = try await project.assay("run", "cases.jsonl", "--template", "prompt.txt", "--model", "steady", "--expect", "exact>=high")
        #expect(notNumber.status == 64 && notNumber.standardError.contains("compares with 'high', which is not a number"))
        let threshold = try await project.assay("run", "cases.jsonl", "--template", "prompt.txt", "--model", "steady", "--metric", "exact",
                                                "--expect", "exact>=1.01", "--samples", "2", "--reduce", "any")
        #expect(threshold.status == 2, "\(threshold.standardError)")
        #expect(threshold.standardError.contains("FAIL exact >= 1.01 · run ") && threshold.standardError.contains("samples reduced by any"))
        let unknown = try await project.assay("run", "cases.jsonl", "--template", "prompt.txt", "--model", "steady", "--metric", "exact", "--expect", "exat>=0.5")
        #expect(unknown.status == 1 && unknown.standardError.contains("did you mean 'exact'?"))
    }
}
