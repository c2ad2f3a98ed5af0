import AssaySession
import Foundation
import Testing

/// The notebook's output limits: how they are read from the environment, how a bundle is cut,
/// and how `show` keeps a table within them.
@Suite struct OutputLimitsTests {
    @Test("ASSAY_OUTPUT_LIMIT and ASSAY_OUTPUT_ROWS take bytes with k/M units, counts, and 0 or none for no limit")
    func environment() {
        #expect(OutputLimits.notebook(environment: [:]).limits == .notebookDefault)
        let cases: [(String, Int?)] = [("750000", 750_000), ("500k", 500_000), ("2M", 2_000_000), ("2MB", 2_000_000), (" 64kB ", 64_000), ("0", nil), ("none", nil)]
        for (text, bytes) in cases {
            let (limits, problems) = OutputLimits.notebook(environment: ["ASSAY_OUTPUT_LIMIT": text])
            #expect(limits.bytesPerOutput == bytes, "\(text)")
            #expect(problems.isEmpty)
        }
        #expect(OutputLimits.notebook(environment: ["ASSAY_OUTPUT_ROWS": "1000"]).limits.rowsPerTable == 1000)
        #expect(OutputLimits.notebook(environment: ["ASSAY_OUTPUT_ROWS": "0"]).limits.rowsPerTable == nil)
    }

    @Test("a value that is not understood keeps the default and says what to write")
    func badValues() {
        let (limits, problems) = OutputLimits.notebook(environment: ["ASSAY_OUTPUT_LIMIT": "lots", "ASSAY_OUTPUT_ROWS": "-3"])
        #expect(limits == .notebookDefault)
        #expect(problems.count == 2)
        #expect(problems[0].contains("ASSAY_OUTPUT_LIMIT=lots is not a size") && problems[0].contains("500k"))
        #expect(problems[1].contains("ASSAY_OUTPUT_ROWS=-3"))
    }

    @Test("a bundle within the limit is kept as it is")
    func withinLimit() {
        let bundle = MIMEBundle(["text/plain": "short", "text/html": "<b>short</b>"])
        #expect(OutputLimits(bytesPerOutput: 100, rowsPerTable: nil).capped(bundle) == bundle)
        #expect(OutputLimits.unlimited.capped(MIMEBundle(plainText: String(repeating: "x", count: 10_000))).plainText.count == 10_000)
    }

    @Test("text over the limit is cut at a line end with a notice; HTML over it is left out, and the notice says so")
    func cutting() throws {
        let limits = OutputLimits(bytesPerOutput: 1_000, rowsPerTable: nil)
        let lines = (1...200).map { "line \($0)" }.joined(separator: "\n")
        let html = "<pre>" + String(repeating: "<i>x</i>", count: 500) + "</pre>"
        let capped = limits.capped(MIMEBundle(["text/plain": lines, "text/html": html]))
        #expect(capped.text(for: "text/html") == nil, "front ends fall back to the cut text")
        let text = capped.plainText
        let notice = try #require(text.range(of: "[output cut:"))
        let shown = text[..<notice.lowerBound]
        #expect(shown.utf8.count <= 1_000)
        #expect(shown.hasSuffix("\n") && lines.hasPrefix(shown), "cut after a whole line")
        let message = String(text[notice.lowerBound...])
        #expect(message.contains("text/plain is \(OutputLimits.sizeText(lines.utf8.count))"))
        #expect(message.contains("text/html is 4 kB"))
        #expect(message.contains("show(x, rows: N)") && message.contains("export(") && message.contains("ASSAY_OUTPUT_LIMIT"))
    }

    @Test("a cut never splits a character")
    func characterBoundary() {
        let text = String(repeating: "é", count: 100)  // two bytes each
        #expect(OutputLimits.prefix(text, bytes: 11) == String(repeating: "é", count: 5))
        #expect(OutputLimits.prefix("🙂🙂", bytes: 5) == "🙂")
        #expect(OutputLimits.prefix("short", bytes: 100) == "short")
    }

    @Test("sizes read as people write them")
    func sizes() {
        #expect(OutputLimits.sizeText(812) == "812 bytes")
        #expect(OutputLimits.sizeText(3_900) == "3.9 kB")
        #expect(OutputLimits.sizeText(500_000) == "500 kB")
        #expect(OutputLimits.sizeText(10_000_000) == "10 MB")
        #expect(OutputLimits.sizeText(2_000_000) == "2 MB")
    }

    @Test("in a session with a row limit, show(x, rows: N) stops at it and says how to get every row; without one it shows them all")
    func tableRows() async throws {
        let code = "show(map(range(40), i => {n: i}), rows: 30)"
        let capped = Session(options: SessionOptions(outputLimits: OutputLimits(bytesPerOutput: nil, rowsPerTable: 10)))
        let recorder = EventRecorder()
        #expect(await capped.execute(ExecutionRequest(code: code)) { recorder.record($0) } == .success)
        let table = try #require(recorder.results.last)
        #expect(table.plainText.contains("10 of 40 rows shown, the most a notebook table shows (ASSAY_OUTPUT_ROWS changes it); save(x, \"rows.csv\") writes all of them"))
        #expect(table.text(for: "text/html")?.components(separatedBy: "<tr>").count == 12, "a header row and ten rows")

        let unlimited = Session(options: SessionOptions())
        let all = EventRecorder()
        #expect(await unlimited.execute(ExecutionRequest(code: code)) { all.record($0) } == .success)
        let full = try #require(all.results.last)
        #expect(full.plainText.contains("30 of 40 rows shown; 10 more: show(x, rows: 40)"))
    }
}
