@testable import AssayEvaluation
import AssayMockServer
import Foundation
import Testing

/// An API key goes into request headers and nowhere else: not the store, not an export, not the
/// output, not an error message, even when the server echoes it back.
@Suite("API keys never leave the request")
struct KeyLeakTests {
    static let sentinel = "sk-assay-SENTINEL-4f1c9d2a7b"
    static let otherSentinel = "sk-assay-OTHER-SENTINEL-88e0"

    struct Scenario: Sendable, CustomTestStringConvertible {
        /// The key the server wants.
        let requiredKey: String
        /// Whether calls succeed (the credentials hold the required key).
        let succeeds: Bool
        var testDescription: String { succeeds ? "the right key" : "a wrong key that the server echoes back" }
    }

    @Test("no key appears in runs.sqlite, its WAL, any export, standard output or standard error", arguments: [
        Scenario(requiredKey: sentinel, succeeds: true),
        Scenario(requiredKey: otherSentinel, succeeds: false),
    ])
    func keysStayInHeaders(_ scenario: Scenario) async throws {
        let server = try await MockServer.start(MockServerConfiguration(policy: .echo, requiredKey: scenario.requiredKey))
        let project = try RunProject()
        defer { project.folder.remove() }
        try project.writeModels(baseURL: server.baseURL)
        try project.writeCredentials(key: Self.sentinel)
        try project.writeCases(count: 5)

        var printed = ""
        func assay(_ arguments: String...) async throws -> AssayCommand.Outcome {
            let outcome = try await AssayCommand.run(arguments, in: project.url, environment: project.environment)
            printed += outcome.standardOutput + outcome.standardError
            return outcome
        }
        let script = """
            r = run(load("cases.jsonl"), template: "Q: {{ input }}", model: "local", metrics: ["exact"], retries: 1)
            r
            r/cases/*/error
            summarize(r)
            export(r, "out.jsonl")
            export(r, "out.csv")
            export(r, "out.json")
            ask("local", "hello")
            """
        _ = try await assay("-c", script)
        _ = try await assay("history")
        _ = try await assay("models")
        for format in ["jsonl", "csv", "json"] { _ = try await assay("export", "latest", "--format", format) }
        _ = try await assay("rerun", "latest", "temperature=0.5")
        _ = try await assay("-c", #"ask(model("local", temperature: 0), "again")"#)
        let stats = server.stats
        await server.shutdown()

        // The key did travel, in the header, so the checks below are not vacuous.
        #expect(stats.requests.count >= 11)
        #expect(stats.requests.allSatisfy { $0.header("authorization") == "Bearer " + Self.sentinel })
        let store = try project.openStore()
        let run = try #require(try await store.runs().last)
        let results = try await store.load(run.id).results
        #expect(results.count == 5)
        if scenario.succeeds {
            #expect(results.allSatisfy { $0.status == .ok })
        } else {
            #expect(results.allSatisfy { $0.status == .modelError && $0.error?.contains("HTTP 401") == true })
            #expect(printed.contains("Incorrect API key provided"), "the server's message is shown, without the key")
        }

        var haystacks: [(String, Data)] = [("standard output and error", Data(printed.utf8)), ("the store", try project.storeBytes())]
        for name in ["out.jsonl", "out.csv", "out.json"] {
            haystacks.append((name, try Data(contentsOf: project.url.appendingPathComponent(name))))
        }
        for (place, bytes) in haystacks {
            #expect(!bytes.isEmpty, "\(place) is empty")
            #expect(bytes.range(of: Data(Self.sentinel.utf8)) == nil, "the key appears in \(place)")
            #expect(bytes.range(of: Data("SENTINEL".utf8)) == nil, "part of the key appears in \(place)")
        }
    }
}
