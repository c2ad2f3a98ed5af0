import AssaySession
import Foundation
import Testing

/// `sample_size`, Wilson intervals in summaries, `flaky`, `pass_at`, `expect` and `junit` in a session.
@Suite("Verdict builtins")
struct VerdictBuiltinTests {
    /// Ten scored cases, five right: `exact` is 1, 1, 1, 1, 1, 0, 0, 0, 0, 0.
    static func halfRight() async throws -> RunSessionFixture {
        let fixture = try RunSessionFixture()
        let lines = (0..<10).map { #"{"id": "c\#($0)", "prediction": "\#($0 < 5 ? "yes" : "no")", "reference": "yes"}"# }
        try fixture.write("scored.jsonl", lines.joined(separator: "\n") + "\n")
        _ = await fixture.value(#"r = score(load("scored.jsonl"), output: "prediction", expected: "reference", metrics: ["exact"])"# + "\nr/id")
        return fixture
    }

    @Test("sample_size from the run's own spread, worked by hand")
    func sampleSize() async throws {
        let fixture = try await Self.halfRight()
        defer { fixture.remove() }
        // s² = 10 × 0.25 / 9 = 0.27778; 2 s² (1.959964 + 0.841621)² / 0.1² = 436.05 → 437 cases,
        // and a difference twice as large needs a quarter: 109.01 → 110.
        #expect(await fixture.value(#"sample_size(baseline: r, effect: 0.1)/cases"#) == "437")
        #expect(await fixture.value(#"sample_size(baseline: r, effect: 0.2, metric: "exact")/cases"#) == "110")
        #expect(await fixture.value(#"sample_size(baseline: r, effect: 0.1)/baseline_cases"#) == "10")
        let wrong = await fixture.run(#"sample_size(baseline: r, effect: 0.1, metric: "exat")"#)
        #expect(wrong.events.errorLines.joined().contains("did you mean 'exact'?"))
        let negative = await fixture.run(#"sample_size(baseline: r, effect: -0.1)"#)
        #expect(negative.events.errorLines.joined().contains("effect must be a positive difference"))
    }

    @Test("a proportion's summary has its Wilson interval: 5 of 10 gives [0.2366, 0.7634]")
    func wilson() async throws {
        let fixture = try await Self.halfRight()
        defer { fixture.remove() }
        #expect(await fixture.value(#"round(r/summary/exact/wilson/lower, 4)"#) == "0.2366")
        #expect(await fixture.value(#"round(r/summary/exact/wilson/upper, 4)"#) == "0.7634")
        let table = await fixture.value("r")
        #expect(table.contains("Wilson 95%") && table.contains("[0.2366, 0.7634]"), "\(table)")
        // One sample per case: nothing is flaky.
        #expect(await fixture.value("r/flaky") == "[]")
    }

    @Test("expect prints PASS on output and FAIL on errors, and junit writes them")
    func expectAndJUnit() async throws {
        let fixture = try await Self.halfRight()
        defer { fixture.remove() }
        let cell = await fixture.run(#"expect(r, "exact", "==", 0.5); expect(r, "exact", "<", 0.5); junit("gates.xml", cases: true)"#)
        #expect(cell.outcome == .success)
        #expect(cell.events.standardOutput.contains("PASS exact == 0.5 · run "))
        let errors = cell.events.all.compactMap { if case .stream(.stderr, let text) = $0 { text } else { nil } }.joined()
        #expect(errors.hasPrefix("FAIL exact < 0.5 · run ") && errors.contains("mean 0.5 ["))
        #expect(cell.events.standardOutput.contains("saved the JUnit report of 2 expectations (1 failed) to gates.xml"))
        #expect(fixture.session.checkedExpectations == 2 && fixture.session.failedExpectations.count == 1)
        let report = try fixture.read("gates.xml")
        #expect(report.contains("tests=\"2\" failures=\"1\"") && report.contains("tests=\"10\" failures=\"10\""),
                "every case fails one of the two thresholds")
        let badOperator = await fixture.run(#"expect(r, "exact", "=>", 0.5)"#)
        #expect(badOperator.events.errorLines.joined().contains("expect compares with >=, <=, >, <, == or !=, not '=>'"))
        let bad = await fixture.run("pass_at(0)")
        #expect(bad.events.errorLines.joined().contains("pass_at needs a whole number k of at least 1"))
    }

    @Test("compare pairs cases of runs with samples: c/paired and n count cases, each run reduced its own way, and the text says so")
    func comparisonWithSamples() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        // perfect answers every case right; echo answers the input, which c0 and c1 do not expect.
        let lines = (0..<6).map { #"{"id": "c\#($0)", "input": "q \#($0)", "expected": "\#($0 < 2 ? "other" : "q \($0)")"}"# }
        try fixture.write("cases.jsonl", lines.joined(separator: "\n") + "\n")
        _ = await fixture.value(#"""
            a = run(load("cases.jsonl"), template: "{{ input }}", model: "perfect", metrics: ["exact"], samples: 3)
            b = run(load("cases.jsonl"), template: "{{ input }}", model: "echo", metrics: ["exact"], samples: 2, reduce: "all")
            c = compare(a, b)
            """#)
        let counts = await fixture.value("[c/paired, c/metrics/exact/n, round(c/metrics/exact/delta, 4)]")
        #expect(counts == "[6, 6, -0.3333]", "\(counts)")
        #expect(await fixture.value("c/regressed") == #"["c0", "c1"]"#)
        #expect(await fixture.value("c/samples") == #"{a: {samples: 3, reduce: "mean"}, b: {samples: 2, reduce: "all"}}"#)
        let text = await fixture.value("c")
        #expect(text.contains("6 cases paired (a: 3 samples per case reduced by mean; b: 2 samples per case reduced by all)"), "\(text)")
        #expect(text.contains("the runs reduce samples differently (a by mean, b by all)") && text.contains("exact regressed (2): c0, c1\n"))
    }
}
