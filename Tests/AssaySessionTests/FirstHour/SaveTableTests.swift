import AssaySession
import Foundation
import Testing

/// Tables of records save like lists of records, in the format the file name says.
@Suite("save of tables")
struct SaveTableTests {
    @Test("an experiment's table saves as JSONL, CSV and JSON")
    func experimentTable() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 2)
        await fixture.run(#"e = experiment(load("cases.jsonl"), models: ["perfect", "echo"], templates: ["{{ input }}"], metrics: ["exact"])"#)
        let jsonl = await fixture.run(#"save(e/table, "t.jsonl")"#)
        #expect(jsonl.outcome == .success, "\(jsonl.events.errorLines)")
        let lines = try fixture.read("t.jsonl").split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains(#""model":"perfect""#) == true, "\(lines)")
        await fixture.run(#"save(e/table, "t.csv")"#)
        let csv = try fixture.read("t.csv").split(whereSeparator: \.isNewline)
        #expect(csv.count == 3)
        #expect(csv.first?.hasPrefix("model,template") == true, "\(csv)")
        await fixture.run(#"save(e/table, "t.json")"#)
        let json = try fixture.read("t.json")
        #expect(json.hasPrefix("[") && json.contains(#""model": "echo""#), "\(json)")
    }
}
