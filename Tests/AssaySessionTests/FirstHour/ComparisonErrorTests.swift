import AssaySession
import Testing

/// `compare` counts and names the paired cases each side could not score.
@Suite("compare and errored cases")
struct ComparisonErrorTests {
    /// Case c2's metric fails in run b (its output is empty, so the lambda divides by zero).
    static let setup = #"""
    cases = [
      {id: "c1", input: "1", expected: "x", a: "x", b: "x"},
      {id: "c2", input: "2", expected: "x", a: "x", b: ""},
      {id: "c3", input: "3", expected: "x", a: "x", b: "x"},
    ]
    ra = score(cases, output: "a", metrics: [{inverse: c => 1 / len(c/output)}])
    rb = score(cases, output: "b", metrics: [{inverse: c => 1 / len(c/output)}])
    c = compare(ra, rb)
    """#

    @Test("the cases each run could not score are counted and listed")
    func erroredCases() async {
        let fixture = MetricsFixture()
        await fixture.run(Self.setup)
        #expect(await fixture.output("rb/cases/1/status") == "metric_error")
        #expect(await fixture.output("c/paired") == "3")
        #expect(await fixture.output("c/errored/a") == "[]")
        #expect(await fixture.output("c/errored/b") == #"["c2"]"#)
        #expect(await fixture.output("c/metrics/inverse/n") == "2")
        let (_, recorder) = await fixture.run("c")
        #expect(recorder.standardOutput.contains("errored in b (1): c2"), "\(recorder.standardOutput)")
    }
}
