@testable import AssayEvaluation
import AssayMockServer
import Foundation
import Testing

/// Two people's processes, each in a project folder of its own, on one PostgreSQL store.
@Suite("Two processes on one PostgreSQL store")
struct SharedStoreCommandTests {
    static let caseCount = 10

    @Test("the second process sees the first's run in history, and its rerun is answered from the cache the first filled",
          .enabled(if: StoreBackend.available.contains(.postgres)))
    func twoProcessesShareOneStore() async throws {
        let made = try StoreBackend.postgres.makeStore()
        defer { made.remove() }
        let url = made.url
        let server = try await MockServer.start(MockServerConfiguration(policy: .echo))
        let alice = try RunProject()
        let bob = try RunProject()
        defer {
            alice.folder.remove()
            bob.folder.remove()
        }
        for project in [alice, bob] {
            try project.writeModels(baseURL: server.baseURL)
            try project.writeCases(count: Self.caseCount)
            _ = try project.folder.write("Q: {{ input }}", to: "prompt.txt")
        }

        // Alice names the store on the command line; Bob through the project's configuration.
        let first = try await alice.assay("run", "cases.jsonl", "--template", "prompt.txt", "--model", "local", "--metric", "exact",
                                          "--name", "alice's run", "--store", url)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(server.stats.totalRequests == Self.caseCount)
        try FileManager.default.createDirectory(atPath: bob.folder.path(".assay"), withIntermediateDirectories: true)
        _ = try bob.folder.write(#"{"store": "\#(url)"}"#, to: ".assay/config.json")

        let history = try await bob.assay("history")
        #expect(history.status == 0, "\(history.standardError)")
        #expect(history.standardOutput.contains("alice's run"), "\(history.standardOutput)")
        let rerun = try await bob.assay("-c", #"r = rerun(runs("latest")); [r/counts/cached, r/counts/finished]"#)
        #expect(rerun.standardOutput == "[\(Self.caseCount), \(Self.caseCount)]\n", "\(rerun.standardError)")
        #expect(server.stats.totalRequests == Self.caseCount, "no new request reached the model")
        await server.shutdown()

        let runs = try await made.store.runs()
        #expect(runs.count == 2)
        #expect(!FileManager.default.fileExists(atPath: alice.storePath) && !FileManager.default.fileExists(atPath: bob.storePath),
                "no SQLite store was made")
    }
}
