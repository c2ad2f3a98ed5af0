import AssayCore
@testable import AssayEvaluation
import AssayMockServer
import Foundation
import Testing

/// `classify(…, group: n)` seen from outside: how many requests reach the provider.
@Suite("Grouped classification through the executable")
struct GroupedClassifyCommandTests {
    static let labels = ["billing", "bug", "feature", "account", "other"]

    /// A hundred tickets, each labelled by its position: an oracle knows every answer.
    static func tickets() -> Suite {
        Suite(cases: (0..<100).map { index in
            TestCase(fields: [
                "id": .string("t\(index)"), "input": .string("ticket number \(index) about topic \(index % 7)"),
                "expected": .string(labels[index % labels.count]),
            ])
        })
    }

    @Test("a hundred cases with group: 10 make ten requests and yield the same labels as group: 1 on an oracle")
    func groupedClassification() async throws {
        let suite = Self.tickets()
        let server = try await MockServer.start(MockServerConfiguration(policy: .oracle(suite)))
        let project = try RunProject()
        defer { project.folder.remove() }
        try project.writeModels(baseURL: server.baseURL)
        let lines = suite.cases.map { JSONValue.object($0.fields).serialized() }
        _ = try project.folder.write(lines.joined(separator: "\n") + "\n", to: "tickets.jsonl")

        let classify = #"classify(s, labels: labels_from(s), model: "local", instructions: "Route the support ticket.", examples: {"I cannot log in": "account"}"#
        let grouped = try await project.assay("-c", #"s = load("tickets.jsonl"); c = \#(classify), group: 10); [c/counts/ok, c/report/accuracy]"#)
        #expect(grouped.status == 0, "\(grouped.standardError)")
        #expect(grouped.standardOutput == "[100, 1]\n", "\(grouped.standardOutput)")
        #expect(server.stats.totalRequests == 10)

        let single = try await project.assay("-c", #"s = load("tickets.jsonl"); c = \#(classify), group: 1); [c/counts/ok, c/report/accuracy]"#)
        #expect(single.status == 0, "\(single.standardError)")
        #expect(server.stats.totalRequests == 110)

        let same = try await project.assay("-c", #"runs(-2)/cases/*/extracted == runs(-1)/cases/*/extracted"#)
        #expect(same.standardOutput == "true\n", "\(same.standardError)")
        let labelsGiven = try await project.assay("-c", #"runs(-2)/cases/*/extracted == load("tickets.jsonl")/*/expected"#)
        #expect(labelsGiven.standardOutput == "true\n", "\(labelsGiven.standardError)")
        let stats = server.stats
        await server.shutdown()
        // Every grouped request carried the shared instructions, the worked example and ten numbered tickets.
        let groupedBodies = stats.requests.prefix(10).map(\.body)
        #expect(groupedBodies.allSatisfy { $0.contains("Route the support ticket.") && $0.contains("I cannot log in") && $0.contains("10. ") })
    }
}
