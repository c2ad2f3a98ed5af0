import AssayLanguage

/// A domain object that also renders as HTML (tables) or SVG (charts).
protocol RichDisplayable {
    var mimeBundle: MIMEBundle { get }
}

/// Turns values into MIME bundles.
enum ValueRenderer {
    /// The bundle a value is shown as.
    static func bundle(for value: Value) -> MIMEBundle {
        if case .object(let object) = value, let rich = object as? any RichDisplayable {
            return rich.mimeBundle
        }
        if case .list(let items) = value, let table = recordTable(items) {
            return MIMEBundle(["text/plain": value.plainText, "text/html": table.html])
        }
        return MIMEBundle(plainText: value.plainText)
    }

    /// A list of at least two records becomes an HTML table (the plain text stays the literal).
    static func recordTable(_ items: [Value]) -> Table? {
        guard items.count >= 2 else { return nil }
        var headers: [String] = []
        var records: [Record] = []
        for item in items {
            guard case .record(let record) = item else { return nil }
            for key in record.keys where !headers.contains(key) { headers.append(key) }
            records.append(record)
        }
        guard !headers.isEmpty, headers.count <= 20 else { return nil }
        let rows = records.map { record in headers.map { record[$0].map(cellText) ?? "" } }
        return Table(headers: headers, rows: rows, caption: nil)
    }

    /// A value as one table cell.
    static func cellText(_ value: Value) -> String {
        if case .string(let text) = value { return text }
        return value.literalText
    }
}
