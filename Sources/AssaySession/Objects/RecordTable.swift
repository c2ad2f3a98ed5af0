import AssayEvaluation
import AssayLanguage

/// A list of records shown as a table (text and HTML): `history()`, `models()`, `summarize(r)`.
/// Paths and `*` step into it like a list.
struct RecordTable: DomainObject, ElementCollection, RichDisplayable, JSONConvertible {
    let records: [Record]
    let caption: String?
    /// Columns whose cells are right-aligned.
    var numericColumns: Set<String> = []

    var typeName: String { "table" }
    var memberNames: [String] { ["rows"] }
    var elements: [Value]? { records.map(Value.record) }

    func member(_ name: String) -> Value? {
        name == "rows" ? .list(records.map(Value.record)) : nil
    }

    var table: Table {
        var headers: [String] = []
        for record in records { for key in record.keys where !headers.contains(key) { headers.append(key) } }
        let rows = records.map { record in headers.map { record[$0].map(Self.cellText) ?? "" } }
        let numeric = Set(headers.enumerated().filter { numericColumns.contains($0.element) }.map(\.offset))
        return Table(headers: headers, rows: rows, caption: caption, numericColumns: numeric)
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
