import AssaySession
import Testing

/// A grouped request is one request, however many cases it carries.
@Suite("Grouped requests in a run's cost")
struct RunCostGroupTests {
    @Test("three cases sent in one grouped request count as one request made")
    func groupedRequestsCountOnce() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 3)
        let cell = await fixture.run(#"r = run(load("cases.jsonl"), template: "{{ input }}", model: model("perfect", price: {input: 1, output: 2}), group: 3)"#)
        #expect(cell.outcome == .success, "\(cell.events.errorLines)")
        #expect(await fixture.value("r/summary/requests/made") == "1")
        #expect(await fixture.value("r/cost/requests") == "1")
        let shown = await fixture.value("r")
        #expect(shown.contains("for 1 request"), "\(shown)")
    }

    @Test("ungrouped cases count one request each")
    func ungroupedRequests() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 3)
        await fixture.run(#"r = run(load("cases.jsonl"), template: "{{ input }}", model: model("perfect", price: {input: 1, output: 2}))"#)
        #expect(await fixture.value("r/summary/requests/made") == "3")
    }
}
