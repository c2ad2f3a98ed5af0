import AssaySession
import Testing

/// A lambda that fails inside a run says why, with the language's diagnostic and its place.
@Suite("Lambda errors in runs")
struct LambdaErrorTests {
    private func fixture() async throws -> RunSessionFixture {
        let fixture = try RunSessionFixture()
        try fixture.write("cases.jsonl", #"{"id": "j1", "input": "one", "expected": "one"}"# + "\n")
        await fixture.run(#"s = load("cases.jsonl")"#)
        return fixture
    }

    @Test("an extract lambda's error keeps the diagnostic's message and position")
    func extractLambda() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        await fixture.run(#"r = run(s, template: "{{ input }}", model: "perfect", extract: c => c/nope)"#)
        let error = await fixture.value("r/cases/0/error")
        #expect(error.contains("the extract lambda failed: <cell>:1:"), "\(error)")
        #expect(!error.hasSuffix("failed: "), "\(error)")
        #expect(error.contains("cannot step into string"), "\(error)")
    }

    @Test("a metric lambda's error keeps the diagnostic's message and position")
    func metricLambda() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        await fixture.run(#"r = run(s, template: "{{ input }}", model: "perfect", metrics: [{bad: c => c/output/nope}])"#)
        let error = await fixture.value("r/cases/0/error")
        #expect(error.contains("metric 'bad' failed on case j1: <cell>:1:"), "\(error)")
        #expect(error.contains("cannot step into string"), "\(error)")
    }
}
