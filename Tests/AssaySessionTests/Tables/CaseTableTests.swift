import AssayCore
import AssayEvaluation
import AssayLanguage
import Foundation
import Testing

@testable import AssaySession

/// Lists of case results and records as tables: plain text fitted to a width, HTML with status
/// colours, folded long text, right-aligned numbers and metric columns by path. The expected
/// tables are files in `Tests/Golden/tables` (`ASSAY_UPDATE_GOLDEN=1` rewrites them after a
/// deliberate change).
@Suite struct CaseTableTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden/tables")

    /// Four case results: two right, one with a long multi-line output, one failed at the model.
    static var results: [Value] {
        let prompt = [ChatMessage(role: "user", content: "Q")]
        let metrics: (Double, Double) -> JSONObject = { exact, f1 in ["exact": .double(exact), "rouge": ["rougeL": ["f1": .double(f1)]]] }
        let long = "The soup of the day is a thick lentil soup with cumin, served with bread.\nAsk the waiter about the dessert of the day."
        let rows: [(String, String, String?, CaseStatus, String?, JSONObject)] = [
            ("menu-1", "soup", "soup", .ok, nil, metrics(1, 1)),
            ("menu-2", "bread", "bread roll", .ok, nil, metrics(0, 0.6667)),
            ("menu-3", "what is the soup of the day, and what comes with it?", long, .ok, nil, metrics(0, 0.125)),
            ("menu-4", "dessert", nil, .modelError, "model call failed: HTTP 500 (injected fault)", [:]),
        ]
        return rows.enumerated().map { index, row in
            let result = CaseResult(caseID: row.0, sample: 0, position: index, prompt: prompt, output: row.2, metrics: row.5,
                                    status: row.3, error: row.4)
            let testCase = TestCase(id: row.0, fields: ["input": .string(row.1), "expected": .string(row.1)])
            return .object(CaseResultObject(result: result, testCase: testCase))
        }
    }

    func expectGolden(_ text: String, _ name: String) throws {
        let url = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["ASSAY_UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file")
    }

    @Test("a narrow terminal: text columns narrowed and cut with …, numbers kept whole")
    func narrow() throws {
        let table = try #require(try CaseTable.make(Self.results))
        let text = table.plainText(width: 72)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 72 })
        #expect(text.contains("…"))
        #expect(text.contains("0.6667"))
        try expectGolden(text + "\n", "narrow-72.txt")
    }

    @Test("a wide terminal: every cell whole but multi-line text on one line")
    func wide() throws {
        let table = try #require(try CaseTable.make(Self.results))
        let text = table.plainText(width: 400)
        #expect(text.contains("The soup of the day is a thick lentil soup with cumin, served with bread.⏎Ask the waiter"))
        try expectGolden(text + "\n", "wide-400.txt")
    }

    @Test("HTML: the status coloured, numbers right-aligned, long text folded, errors in red")
    func html() throws {
        let html = try #require(try CaseTable.make(Self.results)).html
        #expect(html.contains("<th style=\"text-align:right\">rouge/rougeL/f1</th>"))
        #expect(html.contains("<td style=\"text-align:right\">0.6667</td>"))
        #expect(html.contains("<details><summary>"))
        #expect(html.contains("color:#b71c1c;background:#fde3e0"))
        #expect(html.contains("<td style=\"color:#b71c1c\">model call failed: HTTP 500 (injected fault)</td>"))
        try expectGolden(html + "\n", "cases.html")
    }

    @Test("a list of case results shows as a table in text and HTML, capped with the count left out")
    func listsRender() throws {
        let many = Array(repeating: Self.results, count: 8).flatMap { $0 }
        let bundle = ValueRenderer.bundle(for: .list(many))
        #expect(bundle.plainText.hasPrefix("id"))
        #expect(bundle.plainText.hasSuffix("20 of 32 case results shown; 12 more: show(x, rows: 32)"))
        #expect(bundle.text(for: "text/html")?.contains("<table class=\"assay-cases\">") == true)
    }

    @Test("records: nested records flattened to one column per path")
    func records() throws {
        let records: [Value] = [
            .record(Record([("name", .string("a")), ("score", .record(Record([("mean", .float(0.5))])))])),
            .record(Record([("name", .string("b")), ("score", .record(Record([("mean", .float(0.75))])))])),
        ]
        let table = try #require(try CaseTable.make(records))
        #expect(table.columns == ["name", "score/mean"])
        #expect(table.plainText(width: 80) == "name  score/mean\n────  ──────────\na         0.5000\nb         0.7500")
    }

    @Test("show chooses rows and columns, and names a column no row has")
    func show() async throws {
        let table = try #require(try CaseTable.make(Self.results, rows: 2, columns: ["id", "rouge/rougeL/f1"]))
        #expect(table.plainText(width: 80) == """
            id      rouge/rougeL/f1
            ──────  ───────────────
            menu-1           1.0000
            menu-2           0.6667
            2 of 4 case results shown; 2 more: show(x, rows: 4)
            """)
        #expect(throws: BuiltinFailure.self) { try CaseTable.make(Self.results, columns: ["rouge/rougeL/f2"]) }
        do {
            _ = try CaseTable.make(Self.results, columns: ["rouge/rougeL/f2"])
        } catch {
            #expect(error.hint?.contains("rouge/rougeL/f1") == true)
        }
    }
}
