import AssaySession
import Testing

/// `exact` compares numbers as numbers when both sides read as numbers, as `==` does;
/// `strict: true` keeps the text comparison.
@Suite("exact on numbers")
struct NumericExactTests {
    @Test("as a function, numbers written differently are equal unless strict")
    func function() async {
        let fixture = MetricsFixture()
        #expect(await fixture.output(#"exact("51", 51.0)"#) == "1")
        #expect(await fixture.output(#"exact("2.0", 2)"#) == "1")
        #expect(await fixture.output(#"exact(" 2.50", "2.5")"#) == "1")
        #expect(await fixture.output(#"exact("2.0", "2", strict: true)"#) == "0")
        #expect(await fixture.output(#"exact("2.0", "2.1")"#) == "0")
        #expect(await fixture.output(#"exact("two", "2")"#) == "0")
    }

    @Test("as a run metric, with and without text options, numbers compare as numbers unless strict")
    func metric() async {
        let fixture = MetricsFixture()
        await fixture.run(#"""
        cases = [{id: "a", input: "x", expected: "51", p: "51.0"}, {id: "b", input: "y", expected: 2, p: "2.0"}]
        plain = score(cases, output: "p", metrics: ["exact", {ci: exact(ignore_case: true)}])
        strict = score(cases, output: "p", metrics: [{exact: {strict: true}}])
        """#)
        #expect(await fixture.number("plain/summary/exact/mean") == 1)
        #expect(await fixture.number("plain/summary/ci/mean") == 1)
        #expect(await fixture.number("strict/summary/exact/mean") == 0)
    }
}
