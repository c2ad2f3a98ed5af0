import AssayCore

/// A list of records (a table's rows) as JSONL (one compact object per line), CSV (one row per
/// record, nested objects flattened to `a/b` columns in first-seen order, other values that are
/// not strings as compact JSON; RFC 4180 with CRLF) or JSON (a pretty-printed array).
public enum RecordExport {
    /// The text of the records in a format.
    ///
    /// - Parameters:
    ///   - records: The records.
    ///   - format: `jsonl`, `csv` or `json` (any case), as ``RunExport/formats`` names them.
    /// - Returns: The text, ending with a line break.
    /// - Throws: ``ExportError`` for an unknown format, with a close name.
    public static func text(of records: [JSONObject], format: String) throws(ExportError) -> String {
        switch format.lowercased() {
        case "jsonl":
            return records.map { JSONValue.object($0).serialized() + "\n" }.joined()
        case "json":
            return JSONValue.array(records.map(JSONValue.object)).serialized(pretty: true) + "\n"
        case "csv":
            let rows = records.map { leaves(of: $0) }
            var columns: [String] = []
            var seen = Set<String>()
            for row in rows { for (name, _) in row where seen.insert(name).inserted { columns.append(name) } }
            var lines = [columns.map(RunExport.field).joined(separator: ",")]
            for row in rows {
                let cells = Dictionary(row, uniquingKeysWith: { first, _ in first })
                lines.append(columns.map { RunExport.field(cells[$0].map(cell) ?? "") }.joined(separator: ","))
            }
            return lines.joined(separator: "\r\n") + "\r\n"
        default:
            let hint = Suggestion.didYouMean(format, among: RunExport.formats) ?? "use one of: " + RunExport.formats.joined(separator: ", ")
            throw ExportError(message: "unknown format '\(format)'", hint: hint)
        }
    }

    /// The leaves of nested objects, keyed by their paths.
    private static func leaves(of object: JSONObject, prefix: String = "") -> [(String, JSONValue)] {
        object.flatMap { key, value -> [(String, JSONValue)] in
            if case .object(let inner) = value { return leaves(of: inner, prefix: prefix + key + "/") }
            return [(prefix + key, value)]
        }
    }

    private static func cell(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): text
        default: value.serialized()
        }
    }
}
