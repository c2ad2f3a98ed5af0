@testable import AssayEvaluation
import AssayMockServer
import Foundation
import Testing

/// The response cache seen from outside: which reruns reach the model.
@Suite("The response cache across invocations of the executable")
struct ResponseCacheCommandTests {
    static let caseCount = 12
    static let firstRun = #"run(load("cases.jsonl"), template: "Q: {{ input }}", model: "local", metrics: ["exact"])"#

    @Test("changing only the metrics calls the model zero times; three samples at temperature 0.7 call it three times per case")
    func cacheAcrossRuns() async throws {
        let server = try await MockServer.start(MockServerConfiguration(policy: .echo))
        let project = try RunProject()
        defer { project.folder.remove() }
        try project.writeModels(baseURL: server.baseURL)
        try project.writeCases(count: Self.caseCount)

        let first = try await project.assay("-c", Self.firstRun)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(server.stats.totalRequests == Self.caseCount)

        let sameRunOtherMetrics = try await project.assay(
            "-c", Self.firstRun.replacing(#"["exact"]"#, with: #"["exact", "contains"]"#) + "/counts/cached")
        #expect(sameRunOtherMetrics.standardOutput == "\(Self.caseCount)\n", "\(sameRunOtherMetrics.standardError)")
        let rerun = try await project.assay("-c", #"r = rerun(runs("latest"), metrics: ["contains"]); [r/counts/cached, r/derived_from == runs(-2)/id]"#)
        #expect(rerun.standardOutput == "[\(Self.caseCount), true]\n", "\(rerun.standardError)")
        #expect(server.stats.totalRequests == Self.caseCount, "metrics are computed from cached answers")

        let store = try project.openStore()
        #expect(try store.cachedAnswerCount() == Self.caseCount)
        let sampled = try await project.assay("-c", #"rerun(runs("latest"), samples: 3, temperature: 0.7)/counts"#)
        #expect(sampled.status == 0, "\(sampled.standardError)")
        #expect(sampled.standardOutput.contains("expected: \(3 * Self.caseCount)"))
        #expect(try store.cachedAnswerCount() == Self.caseCount + 3 * Self.caseCount, "three new entries per case")

        let stats = server.stats
        await server.shutdown()
        let sampledRequests = stats.requests.dropFirst(Self.caseCount)
        #expect(sampledRequests.count == 3 * Self.caseCount)
        #expect(sampledRequests.allSatisfy { $0.body.contains(#""temperature":0.7"#) })
        let perCase = Dictionary(grouping: sampledRequests, by: \.bodyHash).values.map(\.count)
        #expect(perCase.count == Self.caseCount && perCase.allSatisfy { $0 == 3 })

        let latest = try #require(try await store.runs(limit: 1).first)
        let results = try await store.load(latest.id).results
        #expect(Set(results.map { "\($0.caseID)/\($0.sample)" }).count == 3 * Self.caseCount)
        #expect(results.allSatisfy { !$0.isCached })
    }
}
