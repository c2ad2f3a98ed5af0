import AssaySession
import Foundation
import Testing

/// `run(…, history:, group:)` and the paths into a multi-turn case's turns.
@Suite("Multi-turn and grouped runs in the session")
struct TurnAndGroupBuiltinTests {
    static let orders = """
        {"id": "o1", "turns": [{"input": "a cheeseburger", "expected": "1 cheeseburger"}, {"input": "make it two", "expected": "2 cheeseburger"}]}
        {"id": "o2", "turns": [{"input": "a coke", "expected": "1 coke"}, {"input": "no, a diet coke", "expected": "1 diet coke"}, {"input": "that's all", "expected": "1 diet coke"}]}
        {"id": "p1", "input": "fries", "expected": "1 fries"}

        """
    static let run = #"r = run(load("orders.jsonl"), template: "Customer: {{ input }}", model: "perfect", metrics: ["exact"])"#

    @Test("r/cases/0/turns is a list of records with each turn's input, expected, output, metrics, status and usage")
    func turnPaths() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.write("orders.jsonl", Self.orders)
        let cell = await fixture.run(Self.run)
        #expect(cell.outcome == .success, "\(cell.events.errorLines)")
        #expect(await fixture.value("len(r/cases/0/turns)") == "2")
        #expect(await fixture.value("r/cases/0/turns/1/output") == "2 cheeseburger")
        #expect(await fixture.value("r/cases/0/turns/1/input") == "make it two")
        #expect(await fixture.value("r/cases/0/turns/1/expected") == "2 cheeseburger")
        #expect(await fixture.value("r/cases/0/turns/1/extracted") == "2 cheeseburger")
        #expect(await fixture.value("r/cases/0/turns/1/metrics/exact") == "1")
        #expect(await fixture.value("r/cases/0/turns/1/status") == "ok")
        #expect(await fixture.value("r/cases/0/turns/1/error") == "null")
        #expect(await fixture.value("r/cases/0/turns/1/usage/completion") == "2")
        #expect(await fixture.value("r/cases/1/turns/*/output") == #"["1 coke", "1 diet coke", "1 diet coke"]"#)
        #expect(await fixture.value("r/cases/1/output") == "1 diet coke")
        #expect(await fixture.value("r/cases/2/turns") == "null", "a case without turns")
        #expect(await fixture.value("r/summary/exact/n") == "3")
        #expect(await fixture.value("r/config/history") == "model")
        await fixture.run(#"export(r, "out.jsonl")"#)
        await fixture.run(#"export(r, "out.csv")"#)
        let jsonl = try fixture.read("out.jsonl").split(separator: "\n")
        #expect(jsonl.first?.contains(#""turns":[{"id":"o1","turn":0,"input":"a cheeseburger""#) == true)
        #expect(jsonl.last?.contains(#""turns":null"#) == true)
        let csv = try fixture.read("out.csv").components(separatedBy: "\r\n")
        #expect(csv.first?.hasSuffix(",cached,cost,turns,exact") == true)
        #expect(csv[1].contains(#""[{""#) && csv[1].contains("make it two"), "the turns as JSON in one quoted cell")
    }

    @Test("history: and group: are checked, recorded in the configuration, and kept by rerun")
    func keywords() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.write("orders.jsonl", Self.orders)
        try fixture.writeCases(count: 12)
        let badHistory = await fixture.run(Self.run.replacingOccurrences(of: "])", with: #"], history: "gold")"#))
        #expect(badHistory.outcome != .success)
        #expect(badHistory.events.errorLines.joined().contains(#"history must be "model" or "expected", not "gold""#))
        let badGroup = await fixture.run(#"run(load("cases.jsonl"), template: "{{ input }}", model: "perfect", group: 0)"#)
        #expect(badGroup.events.errorLines.joined().contains("group must be at least 1"))
        let groupedTurns = await fixture.run(Self.run.replacingOccurrences(of: "])", with: "], group: 2)"))
        #expect(groupedTurns.events.errorLines.joined().contains("multi-turn cases cannot be grouped"))

        await fixture.run(Self.run.replacingOccurrences(of: "])", with: #"], history: "expected")"#))
        #expect(await fixture.value("r/config/history") == "expected")
        #expect(await fixture.value(#"r/cases/0/turns/1/prompt/1/content"#) == "1 cheeseburger")

        await fixture.run(#"g = run(load("cases.jsonl"), template: "{{ input }}", model: "perfect", metrics: ["exact"], group: 5)"#)
        #expect(await fixture.value("g/config/group") == "5")
        #expect(await fixture.value("g/summary/exact/mean") == "1")
        #expect(await fixture.value("g/cases/7/output") == "the answer is 7")
        await fixture.run(#"g2 = rerun(g, metrics: ["contains"])"#)
        #expect(await fixture.value("[g2/config/group, g2/counts/cached]") == "[5, 12]", "same groups, all from the cache")
    }
}
