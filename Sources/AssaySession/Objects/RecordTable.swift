import AssayCore
import AssayEvaluation
import AssayLanguage

/// A list of records shown as a table (text and HTML): `history()`, `models()`, `summarize(r)`.
/// Paths and `*` step into it like a list.
struct RecordTable: DomainObject, ElementCollection, RichDisplayable, JSONConvertible {
    let records: [Record]
    let caption: String?
    /// Columns whose cells are right-aligned.
    var numericColumns: Set<String> = []
    /// Whether nested records show as one column per leaf, headed by its path (`rouge/rougeL/f1`),
    /// rather than as one column of record text.
    var flattensNested = false

    var typeName: String { "table" }
    var memberNames: [String] { ["rows"] }
    var elements: [Value]? { records.map(Value.record) }

    func member(_ name: String) -> Value? {
        name == "rows" ? .list(records.map(Value.record)) : nil
    }

    var table: Table {
        let rowsByPath = records.map { flattensNested ? Self.leaves(of: $0) : $0.pairs }
        var headers: [String] = []
        for row in rowsByPath { for (key, _) in row where !headers.contains(key) { headers.append(key) } }
        let rows = rowsByPath.map { row in
            headers.map { header in row.first { $0.0 == header }.map { Self.cellText($0.1) } ?? "" }
        }
        let numeric = Set(headers.enumerated().filter { numericColumns.contains($0.element) }.map(\.offset))
        return Table(headers: headers, rows: rows, caption: caption, numericColumns: numeric)
    }

    /// The leaves of nested records, keyed by their paths.
    static func leaves(of record: Record, prefix: String = "") -> [(String, Value)] {
        record.pairs.flatMap { key, value -> [(String, Value)] in
            if case .record(let inner) = value { return leaves(of: inner, prefix: prefix + key + "/") }
            return [(prefix + key, value)]
        }
    }

    /// Floats show four decimals in the table (their values stay exact at their paths).
    static func cellText(_ value: Value) -> String {
        if case .float(let number) = value { return StatisticObject.format(number) }
        return ValueRenderer.cellText(value)
    }

    var plainText: String {
        records.isEmpty ? (caption ?? "(none)") : table.plainText
    }

    var mimeBundle: MIMEBundle {
        MIMEBundle(["text/plain": plainText, "text/html": records.isEmpty ? "<p>\(HTML.escape(caption ?? "(none)"))</p>" : table.html])
    }

    var jsonValue: JSONValue {
        (try? JSONBridge.json(.list(records.map(Value.record)))) ?? .array([])
    }

    func rebuilt(with items: [Value]) throws(BuiltinFailure) -> Value {
        .list(items)
    }
}
