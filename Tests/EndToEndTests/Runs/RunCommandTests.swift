import Foundation
import Testing

/// The run subcommands of the executable: `assay history`, `summarize`, `rerun`, `export`,
/// `models` and `add-ids`.
@Suite("The run subcommands")
struct RunCommandTests {
    /// A project folder with a suite and a store of its own.
    struct Project {
        let directory: URL
        var environment: [String: String] {
            ["ASSAY_HOME": directory.appendingPathComponent(".assay-home").path,
             "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path]
        }

        init() throws {
            directory = try AssayProcess.temporaryDirectory()
            let lines = (0..<6).map { #"{"id": "c\#($0)", "input": "question \#($0)", "expected": "answer \#($0)", "tags": ["t\#($0 % 2)"]}"# }
            try (lines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("cases.jsonl"), atomically: true, encoding: .utf8)
        }

        func assay(_ arguments: String...) async throws -> AssayProcess.Result {
            try await AssayProcess.run(arguments, in: directory, environment: environment)
        }
    }

    @Test("history, summarize, rerun and export work on stored runs from the command line")
    func runCommands() async throws {
        let project = try Project()
        let made = try await project.assay("-c", #"run(load("cases.jsonl"), template: "{{ input }}", model: "perfect", metrics: ["exact"])"#)
        #expect(made.status == 0, "\(made.standardError)")
        #expect(made.standardOutput.contains("\"perfect on cases.jsonl\" completed · model perfect · 6 results, 6 ok, 0 errors"))

        let history = try await project.assay("history")
        #expect(history.status == 0)
        #expect(history.standardOutput.contains("perfect on cases.jsonl") && history.standardOutput.contains("completed"))

        let summary = try await project.assay("summarize", "latest", "--by", "tags")
        #expect(summary.status == 0, "\(summary.standardError)")
        #expect(summary.standardOutput.contains("t0") && summary.standardOutput.contains("t1") && summary.standardOutput.contains("exact"))

        let rerun = try await project.assay("rerun", "latest", "model=echo")
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(rerun.standardOutput.contains("\"echo on cases.jsonl\" completed · model echo · 6 results"))
        let derived = try await project.assay("-c", #"runs("latest")/derived_from == runs(-2)/id"#)
        #expect(derived.standardOutput == "true\n")

        let csv = try await project.assay("export", "latest", "--format", "csv")
        #expect(csv.status == 0, "\(csv.standardError)")
        let rows = csv.standardOutput.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 7)
        #expect(rows.first?.hasPrefix("id,sample,status,input,expected,output") == true)
        #expect(rows[1].hasPrefix("c0,0,ok,question 0,answer 0,question 0,"), "echo answers the prompt")

        let missing = try await project.assay("export", "abcdef12")
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no run id starts with 'abcdef12'"))
    }

    @Test("models lists the built-in mocks and configured models without keys")
    func models() async throws {
        let project = try Project()
        try #"[{"name": "gpt", "type": "OPENAI", "model": "gpt-4o-mini", "key": "sk-inline-secret-123456"}]"#
            .write(to: project.directory.appendingPathComponent("models.json"), atomically: true, encoding: .utf8)
        let listed = try await project.assay("models")
        #expect(listed.status == 0, "\(listed.standardError)")
        for name in ["perfect", "flakey", "echo", "noisy", "gpt", "gpt-4o-mini"] {
            #expect(listed.standardOutput.contains(name))
        }
        #expect(!listed.standardOutput.contains("sk-inline"))
    }

    @Test("add-ids gives every case of a JSONL suite a stable id, in place; a missing suite is an input error naming it")
    func addIDs() async throws {
        let project = try Project()
        let suite = project.directory.appendingPathComponent("plain.jsonl")
        try "{\"input\": \"a\", \"expected\": \"x\"}\n{\"input\": \"b\", \"expected\": \"y\"}\n".write(to: suite, atomically: true, encoding: .utf8)
        let first = try await project.assay("add-ids", "plain.jsonl")
        #expect(first.status == 0, "\(first.standardError)")
        let rewritten = try String(contentsOf: suite, encoding: .utf8)
        let lines = rewritten.split(separator: "\n")
        #expect(lines.count == 2 && lines.allSatisfy { $0.contains("\"id\"") })
        let again = try await project.assay("add-ids", "plain.jsonl")
        #expect(again.status == 0)
        #expect(try String(contentsOf: suite, encoding: .utf8) == rewritten, "ids are stable")
        let missing = try await project.assay("add-ids", "cases.csv")
        #expect(missing.status == 1)
        #expect(missing.standardError.hasPrefix("cases.csv: error: no such file\n"))
    }
}
