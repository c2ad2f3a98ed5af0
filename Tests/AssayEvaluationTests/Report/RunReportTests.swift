import AssayCore
import AssayEvaluation
import Foundation
import Testing

/// The HTML report of a run and of a comparison: one self-contained page built from the stored run.
@Suite struct RunReportTests {
    static let cases = SyntheticRun.cases(24)
    static let a = SyntheticRun.run(name: "baseline", cases: cases, wrongEvery: 6)
    static let b = SyntheticRun.run(name: "candidate", cases: cases, wrongEvery: 4, model: "noisy")

    /// The JSON the page's script reads.
    static func data(of html: String) throws -> JSONValue {
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"report-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        return try JSONValue.parse(String(html[start.upperBound..<end.lowerBound]))
    }

    @Test("a run's report loads nothing from outside the file")
    func selfContained() {
        let html = RunReport.html(of: Self.a, cases: Self.cases)
        for external in ["<link", " src=", "@import", "url(", "https://", "@font-face"] {
            #expect(!html.contains(external), "\(external)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
    }

    @Test("a run's report shows the configuration: model, template text, parameters and provenance")
    func configuration() {
        let html = RunReport.html(of: Self.a, cases: Self.cases)
        #expect(html.contains("Answer: {{ input }}"))
        #expect(html.contains("Answer briefly."))
        #expect(html.contains("<span class=\"key\">temperature</span> 0.2"))
        #expect(html.contains("provenance (assay)"))
        #expect(html.contains("<span class=\"key\">git/revision</span> 0123456789abcdef"))
        #expect(html.contains("model perfect"))
    }

    @Test("a run's report shows every metric's mean with its interval (and a proportion's Wilson interval), and charts")
    func summary() throws {
        let html = RunReport.html(of: Self.a, cases: Self.cases)
        let statistics = Self.a.statistics
        let exact = statistics.entry(named: "exact")
        #expect(html.contains("<td>rouge/rougeL/f1</td>"))
        if let exact {
            #expect(html.contains(String(format: "[%.4f, %.4f]", exact.summary.confidenceInterval.lower, exact.summary.confidenceInterval.upper)))
            // exact is a proportion: its Wilson interval is in the last column.
            let wilson = try #require(exact.wilson)
            #expect(html.contains("<th>Wilson 95%</th>"))
            #expect(html.contains(String(format: "<td class=\"num\">[%.4f, %.4f]</td></tr>", wilson.lower, wilson.upper)))
        }
        #expect(html.contains("<svg class=\"chart\""))
        #expect(html.contains("Results by status"))
    }

    @Test("every case is in the page's data, with its prompt, output, metrics and error; markup in a case cannot end the script")
    func everyCase() throws {
        let html = RunReport.html(of: Self.a, cases: Self.cases)
        #expect(!html.contains("</script><b>"))
        let cases = try #require(Self.data(of: html).objectValue?["run"]?.objectValue?["cases"]?.arrayValue)
        #expect(cases.count == 24)
        let failed = try #require(cases[7].objectValue)
        #expect(failed["status"]?.stringValue == "model_error")
        #expect(failed["error"]?.stringValue == "model call failed: HTTP 500 </script><b>not markup</b>")
        #expect(cases[0].objectValue?["prompt"]?.arrayValue?.count == 2)
        #expect(cases[0].objectValue?["input"]?.stringValue == "What is item 0 of the menu?")
    }

    @Test("a comparison's report carries each metric's delta, interval and p-value, and both runs' cases")
    func comparison() throws {
        let comparison = try RunComparison(a: Self.a, b: Self.b)
        let html = RunReport.html(of: comparison, casesA: Self.cases, casesB: Self.cases)
        #expect(html.contains("Deltas (b − a)"))
        let data = try #require(Self.data(of: html).objectValue)
        #expect(data["mode"]?.stringValue == "comparison")
        #expect(data["focus"]?.stringValue == "exact")
        let entry = try #require(data["entries"]?.arrayValue?.first?.objectValue)
        let exact = try #require(comparison.entries.first)
        #expect(entry["delta"]?.doubleValue == exact.statistics.delta)
        #expect(entry["p"]?.doubleValue == exact.statistics.pValue)
        #expect(data["b"]?.objectValue?["cases"]?.arrayValue?.count == 24)
        #expect(html.contains("Per-case exact"))
    }
}
