/// The file formats a suite can be loaded from.
public enum SuiteFormat: String, Sendable, Hashable, CaseIterable {
    /// One JSON object per line (`.jsonl`, `.ndjson`); blank lines are ignored.
    case jsonl
    /// A JSON array of objects, or an object whose `cases` member is that array (`.json`).
    case json
    /// A header row, then one case per row, RFC 4180 quoting (`.csv`).
    case csv
    /// A list of case mappings, or a mapping with a `cases` list (`.yaml`, `.yml`).
    case yaml

    /// The format a file's extension names (case-insensitive), or `nil` when it names none.
    ///
    /// - Parameter path: A file path such as `cases.jsonl`.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "jsonl", "ndjson": self = .jsonl
        case "json": self = .json
        case "csv": self = .csv
        case "yaml", "yml": self = .yaml
        default: return nil
        }
    }
}
