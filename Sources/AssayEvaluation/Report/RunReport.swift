import AssayCore
import Foundation

/// A run, or a comparison of two runs, as one self-contained HTML page to hand to someone who
/// does not run Assay: no network request, no external script, style or font; it opens from disk.
///
/// Everything on the page comes from the store: the run's configuration (model, template text,
/// parameters, provenance), its summary with intervals (``RunStatistics``), charts, and every case
/// (``RunExport/runJSON(_:cases:)``) in a table that filters by status and text, sorts by any
/// column and expands a case to its prompt messages, raw output, extracted value, metrics and
/// error. A comparison (``RunComparison``) pairs the cases, shows each metric's delta with its
/// interval and p-value, lists regressions first, and shows a changed output beside the old one
/// with the differing words marked.
public enum RunReport {
    /// The report of one run.
    ///
    /// - Parameters:
    ///   - run: The stored run.
    ///   - cases: The cases it evaluated (``StoredRun/evaluatedSuite()``'s), for `input` and `expected`.
    /// - Returns: The page's HTML.
    public static func html(of run: StoredRun, cases: [TestCase]) -> String {
        let json = RunExport.runJSON(run, cases: byID(cases))
        var body = header(title: "Run “\(run.record.name)”", lines: [headline(run)])
        body += section("summary", "Summary", summaryTable(run.statistics) + costLine(json))
        body += section("charts", "Charts", ReportCharts.means(run.statistics) + ReportCharts.statuses(run))
        body += section("configuration", "Configuration", configuration(run))
        body += casesSection
        let data: JSONValue = ["mode": "run", "run": json]
        return page(title: "Assay report: \(run.record.name)", body: body, data: data)
    }

    /// The report of two runs compared case by case.
    ///
    /// - Parameters:
    ///   - comparison: The comparison (baseline `a`, then `b`).
    ///   - casesA: The cases the baseline evaluated.
    ///   - casesB: The cases the second run evaluated.
    /// - Returns: The page's HTML.
    public static func html(of comparison: RunComparison, casesA: [TestCase], casesB: [TestCase]) -> String {
        let a = comparison.a, b = comparison.b
        var lines = ["a: " + headline(a), "b: " + headline(b), comparison.pairing] + comparison.caveats
        if !comparison.onlyInA.isEmpty || !comparison.onlyInB.isEmpty {
            lines.append("only in a: \(comparison.onlyInA.count) · only in b: \(comparison.onlyInB.count)")
        }
        var body = header(title: "“\(a.record.name)” vs “\(b.record.name)”", lines: lines)
        body += section("summary", "Deltas (b − a)", deltaTable(comparison))
        body += section("charts", "Charts", ReportCharts.deltas(comparison) + ReportCharts.pairedScores(comparison))
        body += section("configuration", "Configuration",
                        "<div class=\"side\"><div><h3>a</h3>\(configuration(a))</div><div><h3>b</h3>\(configuration(b))</div></div>")
        body += casesSection
        let entries: [JSONValue] = comparison.entries.map { entry in
            let statistics = entry.statistics
            return [
                "path": .string(entry.name), "mean_a": .double(statistics.meanA), "mean_b": .double(statistics.meanB),
                "delta": .double(statistics.delta), "p": .double(statistics.pValue), "n": .int(statistics.count),
                "ci": [.double(statistics.deltaConfidenceInterval.lower), .double(statistics.deltaConfidenceInterval.upper)],
            ]
        }
        let data: JSONValue = [
            "mode": "comparison", "a": RunExport.runJSON(a, cases: byID(casesA)), "b": RunExport.runJSON(b, cases: byID(casesB)),
            "entries": .array(entries), "focus": comparison.focus.map { .string($0.name) } ?? .null,
            // With samples reduced, a result's change is its case's: the table tags each paired
            // sample with its case's verdict on the focus metric.
            "by_case": .bool(comparison.reducesSamples),
            "regressed": .array((comparison.focus?.regressed ?? []).map(JSONValue.string)),
            "improved": .array((comparison.focus?.improved ?? []).map(JSONValue.string)),
        ]
        return page(title: "Assay comparison: \(a.record.name) vs \(b.record.name)", body: body, data: data)
    }

    // MARK: - Sections

    static let casesSection = """
    <section id="cases"><h2>Cases</h2>
    <div class="controls"><label>Status <select id="filter-status"></select></label>
    <label>Text <input id="filter-text" type="search" placeholder="id, input, output, error…"></label>
    <span id="case-count"></span></div>
    <div class="scroll"><table id="case-table"><thead></thead><tbody></tbody></table></div>
    <button id="more" hidden></button>
    <noscript><p>The case table needs JavaScript; the data is in this file as JSON (#report-data).</p></noscript>
    </section>

    """

    static func page(title: String, body: String, data: JSONValue) -> String {
        // `<` is written as \u003c inside the JSON so that no `</script>` in a case can end the block.
        let payload = data.serialized(pretty: false).replacing("<", with: "\\u003c")
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <style>\(ReportPage.style)</style>
        </head><body>
        \(body)<footer>Written by Assay. This page is self-contained: it loads nothing from the network.</footer>
        <script type="application/json" id="report-data">\(payload)</script>
        <script>\(ReportPage.script)</script>
        </body></html>

        """
    }

    static func header(title: String, lines: [String]) -> String {
        "<header><h1>\(HTML.escape(title))</h1>" + lines.map { "<p class=\"sub\">\(HTML.escape($0))</p>" }.joined() + "</header>\n"
    }

    static func section(_ id: String, _ title: String, _ content: String) -> String {
        "<section id=\"\(id)\"><h2>\(HTML.escape(title))</h2>\n\(content)\n</section>\n"
    }

    static func headline(_ run: StoredRun) -> String {
        let record = run.record
        let model = record.model.objectValue?["name"]?.stringValue ?? "?"
        let counts = record.counts
        return "run \(record.idText.prefix(8)) · \(record.status.rawValue) · model \(model) · "
            + "\(counts.finished) results, \(counts.ok) ok, \(counts.errors) errors · "
            + ISO8601DateFormatter().string(from: record.createdAt)
    }

    static func summaryTable(_ statistics: RunStatistics) -> String {
        guard !statistics.entries.isEmpty else { return "<p>No metric has a value.</p>" }
        var rows = ""
        // Proportions (every case 0 or 1) also show their Wilson interval, in a last column.
        let hasWilson = statistics.entries.contains { $0.wilson != nil }
        for entry in statistics.entries {
            let summary = entry.summary
            let interval = summary.confidenceInterval
            rows += "<tr><td>\(HTML.escape(entry.name))</td><td class=\"num\">\(number(summary.mean))</td>"
                + "<td class=\"num\">[\(number(interval.lower)), \(number(interval.upper))]\(summary.intervalNote)</td>"
                + "<td class=\"num\">\(summary.count)</td>"
                + "<td class=\"num\">\(number(summary.standardDeviation))</td><td class=\"num\">\(number(summary.minimum))</td>"
                + "<td class=\"num\">\(number(summary.maximum))</td>"
            if hasWilson {
                rows += "<td class=\"num\">" + (entry.wilson.map { "[\(number($0.lower)), \(number($0.upper))]" } ?? "") + "</td>"
            }
            rows += "</tr>\n"
        }
        return "<table class=\"summary\"><thead><tr><th>metric</th><th>mean</th><th>95% interval</th><th>n</th><th>stdev</th>"
            + "<th>min</th><th>max</th>" + (hasWilson ? "<th>Wilson 95%</th>" : "") + "</tr></thead><tbody>\n\(rows)</tbody></table>"
    }

    static func deltaTable(_ comparison: RunComparison) -> String {
        guard !comparison.entries.isEmpty else { return "<p>The runs share no scored cases.</p>" }
        var rows = ""
        for entry in comparison.entries {
            let s = entry.statistics
            let tone = s.deltaConfidenceInterval.upper < 0 ? " class=\"worse\"" : s.deltaConfidenceInterval.lower > 0 ? " class=\"better\"" : ""
            rows += "<tr\(tone)><td>\(HTML.escape(entry.name))</td><td class=\"num\">\(number(s.meanA))</td><td class=\"num\">\(number(s.meanB))</td>"
                + "<td class=\"num\">\(signed(s.delta))</td><td class=\"num\">[\(signed(s.deltaConfidenceInterval.lower)), "
                + "\(signed(s.deltaConfidenceInterval.upper))]</td><td class=\"num\">\(number(s.pValue))</td><td class=\"num\">\(s.count)</td>"
                + "<td class=\"num\">\(entry.regressed.count)</td><td class=\"num\">\(entry.improved.count)</td></tr>\n"
        }
        return "<table class=\"summary\"><thead><tr><th>metric</th><th>mean a</th><th>mean b</th><th>delta</th><th>95% interval</th>"
            + "<th>p</th><th>n</th><th>regressed</th><th>improved</th></tr></thead><tbody>\n\(rows)</tbody></table>"
    }

    static func costLine(_ run: JSONValue) -> String {
        guard let cost = run.objectValue?["cost"]?.objectValue, let total = cost["total"]?.doubleValue else { return "" }
        return "<p>Cost: \(HTML.escape(RunCost.dollars(total))) (\(cost["requests"]?.intValue ?? 0) requests, \(cost["cached"]?.intValue ?? 0) from the cache)</p>"
    }

    /// Model, template text, parameters, extraction, metrics and provenance.
    static func configuration(_ run: StoredRun) -> String {
        let configuration = run.record.configuration.objectValue ?? JSONObject()
        var html = "<dl class=\"config\">"
        html += "<dt>model</dt><dd>\(keyValues(run.record.model))</dd>"
        if let template = configuration["template"]?.objectValue {
            if let system = template["system"]?.stringValue { html += "<dt>system template</dt><dd><pre>\(HTML.escape(system))</pre></dd>" }
            if let user = template["user"]?.stringValue { html += "<dt>user template</dt><dd><pre>\(HTML.escape(user))</pre></dd>" }
            if let sha = template["sha256"]?.stringValue { html += "<dt>template sha256</dt><dd><code>\(HTML.escape(sha))</code></dd>" }
        }
        for key in ["parameters", "extraction", "metrics", "suite", "samples", "concurrency", "retries", "cache", "history", "group", "assay"] {
            guard let value = configuration[key], value != .null else { continue }
            let label = key == "assay" ? "provenance (assay)" : key
            html += "<dt>\(HTML.escape(label))</dt><dd>\(keyValues(value))</dd>"
        }
        return html + "</dl>"
    }

    /// An object's leaves as `key: value` lines; anything else as its JSON.
    static func keyValues(_ value: JSONValue) -> String {
        var lines: [String] = []
        RunReport.leaves(value, prefix: "") { path, leaf in
            let text = leaf.stringValue ?? leaf.serialized(pretty: false)
            lines.append(path.isEmpty ? HTML.escape(text) : "<span class=\"key\">\(HTML.escape(path))</span> \(HTML.escape(text))")
        }
        return lines.isEmpty ? "<span class=\"muted\">none</span>" : lines.joined(separator: "<br>")
    }

    static func leaves(_ value: JSONValue, prefix: String, _ visit: (String, JSONValue) -> Void) {
        if let object = value.objectValue, !object.isEmpty {
            for (key, inner) in object { leaves(inner, prefix: prefix.isEmpty ? key : prefix + "/" + key, visit) }
        } else {
            visit(prefix, value)
        }
    }

    static func byID(_ cases: [TestCase]) -> [String: TestCase] {
        Dictionary(cases.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func number(_ value: Double) -> String { String(format: "%.4f", value) }
    static func signed(_ value: Double) -> String { String(format: "%+.4f", value) }
}
