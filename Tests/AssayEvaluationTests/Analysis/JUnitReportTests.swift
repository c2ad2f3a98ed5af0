@testable import AssayEvaluation
import Foundation
import Testing

/// The JUnit XML report's structure (its schema validation is in Tests/python/test_junit_report.py).
@Suite("JUnit reports")
struct JUnitReportTests {
    static let outcomes = [
        ExpectationOutcome(expectation: Expectation(metric: "exact", kind: .threshold(.atLeast, 0.9)), subject: "run 1f3a9c2e",
                           passed: false, figures: "mean 0.8 [0.6, 0.95] n=10",
                           cases: [CaseVerdict(caseID: "a<1>", passed: false, detail: "exact = 0"), CaseVerdict(caseID: "b", passed: true, detail: "exact = 1")]),
        ExpectationOutcome(expectation: Expectation(metric: "rouge/rougeL/f1", kind: .noRegression(alpha: 0.05)), subject: "run 1f3a9c2e vs baseline 0b7d4e11",
                           passed: true, figures: "delta -0.01 [-0.03, +0.01] p=0.4 n=10 (0.7 → 0.69)",
                           cases: [CaseVerdict(caseID: "a<1>", passed: true, detail: "did not go down")]),
    ]

    @Test("one test case per expectation, a failure carrying its figures; counts and timestamp as the schema wants")
    func expectations() {
        let report = JUnitReport(outcomes: Self.outcomes, timestamp: Date(timeIntervalSince1970: 1_800_000_000), hostname: "ci")
        let xml = report.xml
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"))
        #expect(xml.contains("<testsuite name=\"assay expectations\" package=\"assay\" id=\"0\" timestamp=\"2027-01-15T08:00:00\" hostname=\"ci\" tests=\"2\" failures=\"1\" errors=\"0\" time=\"0\">"))
        #expect(xml.contains("<testcase name=\"exact &gt;= 0.9\" classname=\"assay.expectations\" time=\"0\">\n      <failure message=\"expected exact &gt;= 0.9 · run 1f3a9c2e: mean 0.8 [0.6, 0.95] n=10\" type=\"expectation\">"))
        #expect(xml.contains("<testcase name=\"rouge/rougeL/f1: no significant regression (alpha 0.05)\" classname=\"assay.expectations\" time=\"0\"/>"))
        #expect(!xml.contains("assay cases"))
    }

    @Test("with cases, one test case per case, failing when it failed any expectation; text is escaped")
    func cases() {
        let xml = JUnitReport(outcomes: Self.outcomes, includesCases: true, hostname: "ci").xml
        #expect(xml.contains("<testsuite name=\"assay cases\" package=\"assay\" id=\"1\""))
        #expect(xml.contains("tests=\"2\" failures=\"1\""))
        #expect(xml.contains("<testcase name=\"a&lt;1&gt;\" classname=\"assay.cases\" time=\"0\">\n      <failure message=\"exact &gt;= 0.9: exact = 0\""))
        #expect(xml.contains("<testcase name=\"b\" classname=\"assay.cases\" time=\"0\"/>"))
        #expect(JUnitReport.escape("a\u{1}b\"&") == "ab&quot;&amp;")
    }
}
