import Foundation
import Testing

/// A stored run is a record of its own: every command works on it from a new process after its
/// suite file is deleted or edited, and a rerun with no change reproduces it byte for byte.
@Suite("Stored runs outlive their suite files")
struct StoredRunTests {
    /// A project folder with a labelled suite and a store of its own.
    struct Project {
        let directory: URL
        var suitePath: URL { directory.appendingPathComponent("cases.jsonl") }
        var environment: [String: String] {
            ["ASSAY_HOME": directory.appendingPathComponent(".assay-home").path,
             "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path]
        }

        init() throws {
            directory = try AssayProcess.temporaryDirectory()
            try writeSuite(expected: { $0 % 3 == 0 ? "no" : "yes" })
        }

        func writeSuite(expected: (Int) -> String) throws {
            let lines = (0..<6).map { #"{"id": "c\#($0)", "input": "question \#($0)", "expected": "\#(expected($0))"}"# }
            try (lines.joined(separator: "\n") + "\n").write(to: suitePath, atomically: true, encoding: .utf8)
        }

        @discardableResult
        func assay(_ arguments: String..., succeeds: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
            let result = try await AssayProcess.run(arguments, in: directory, environment: environment)
            if succeeds {
                #expect(result.status == 0, "assay \(arguments.joined(separator: " ")): \(result.standardError)", sourceLocation: sourceLocation)
            }
            return result.standardOutput
        }

        /// Makes the first run: the `perfect` mock on the suite, answers held to the labels.
        func makeRun() async throws {
            try await assay("-c", #"run(load("cases.jsonl"), template: "{{ input }}", model: "perfect", labels: ["yes", "no"], metrics: ["exact", "rouge"])"#)
        }
    }

    /// Every reading command, each in a new process, on the latest run and the one before it.
    func readEverything(_ project: Project, expectedOfC0: String) async throws {
        let jsonl = try await project.assay("export", "-2", "--format", "jsonl")
        let first = try #require(jsonl.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(object["input"] as? String == "question 0")
        #expect(object["expected"] as? String == expectedOfC0)

        let report = try await project.assay("-c", #"report(runs(-2))"#)
        #expect(report.contains("accuracy"), "\(report)")
        let compared = try await project.assay("-c", #"compare(runs(-2), runs(-1))/paired"#)
        #expect(compared == "6\n")
        let worst = try await project.assay("-c", #"worst(runs(-2), "exact", 2)"#)
        #expect(worst.contains("question 0"), "\(worst)")
        let best = try await project.assay("-c", #"best(runs(-2), "rouge/rougeL/f1", 1)"#)
        #expect(best.contains("question"), "\(best)")
        let resumed = try await project.assay("-c", #"resume(runs(-2))/counts/finished"#)
        #expect(resumed == "6\n")
    }

    @Test("after the suite file is deleted, export, report, compare, best, worst, rerun and resume use the stored cases")
    func suiteDeleted() async throws {
        let project = try Project()
        try await project.makeRun()
        try FileManager.default.removeItem(at: project.suitePath)

        let rerun = try await project.assay("rerun", "latest")
        #expect(rerun.contains("6 results, 6 ok"), "\(rerun)")
        try await readEverything(project, expectedOfC0: "no")
    }

    @Test("after the suite file is edited, commands use the cases as they were; rerun(r, suite:) takes the file as it is now")
    func suiteEdited() async throws {
        let project = try Project()
        try await project.makeRun()
        try project.writeSuite(expected: { _ in "yes" })

        let rerun = try await project.assay("rerun", "latest")
        #expect(rerun.contains("6 results, 6 ok"), "\(rerun)")
        try await readEverything(project, expectedOfC0: "no")

        let onEdited = try await project.assay("-c", #"r = rerun(runs("latest"), suite: load("cases.jsonl")); r/cases/0/expected"#)
        #expect(onEdited == "yes\n")
    }

    @Test("a rerun with no change reproduces every case's output, extracted value and metrics byte for byte")
    func rerunIsByteIdentical() async throws {
        let project = try Project()
        try await project.assay("-c", #"run(load("cases.jsonl"), template: "Answer: {{ input }}", model: "noisy", metrics: ["exact", "rouge", "bleu", "chrf", "edit_similarity"], samples: 2)"#)
        try await project.assay("rerun", "latest")
        let original = try await project.assay("export", "-2", "--format", "jsonl")
        let again = try await project.assay("export", "-1", "--format", "jsonl")
        let originalLines = original.split(separator: "\n").map(String.init)
        let againLines = again.split(separator: "\n").map(String.init)
        #expect(originalLines.count == 12)
        #expect(againLines.count == originalLines.count)
        for (before, after) in zip(originalLines, againLines) {
            #expect(Self.withoutCacheFlags(before) == Self.withoutCacheFlags(after))
            #expect(before.contains(#""cached":false"#) && after.contains(#""cached":true"#))
        }
    }

    @Test("a rerun in another process uses the stored model: a mock's rate, and score()'s field model")
    func rerunRestoresTheModel() async throws {
        let project = try Project()
        try await project.assay("-c", #"run(load("cases.jsonl"), template: "{{ input }}", model: model("noisy", rate: 0.9), metrics: ["exact"])"#)
        try await project.assay("rerun", "latest")
        #expect(try await project.assay("-c", #"runs(-1)/model == runs(-2)/model"#) == "true\n")
        #expect(try await project.assay("-c", #"runs(-1)/summary/exact/mean == runs(-2)/summary/exact/mean"#) == "true\n")

        try await project.assay("-c", #"score(map(load("cases.jsonl"), c => c + {answer: c/expected}), output: "answer", metrics: ["exact"])"#)
        let rerun = try await project.assay("rerun", "latest")
        #expect(rerun.contains("6 results, 6 ok"), "\(rerun)")
        #expect(try await project.assay("-c", #"runs(-1)/summary/exact/mean"#) == "1\n")
    }

    /// A JSONL line with its `cached` and `cost` members (the cost of a cached answer is 0) taken
    /// out, every other byte as exported.
    static func withoutCacheFlags(_ line: String) -> String {
        line.replacing(/,"cached":(true|false)/, with: "").replacing(/,"cost":[^,}]*/, with: "")
    }
}
