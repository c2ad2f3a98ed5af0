import Foundation

extension RunStore {
    /// Resolves a selector (see ``select(_:)``) inside a read.
    static func select(_ selector: String, in db: any StoreConnection) throws -> RunRecord {
        let text = selector.trimmingWhitespace().lowercased()
        if let position = recencyPosition(of: text) {
            let sql = "SELECT \(StoredRows.runColumns) FROM runs ORDER BY created_at DESC, \(db.dialect.insertionOrder) DESC LIMIT 1 OFFSET ?"
            if let row = try db.fetchOne(sql, [position - 1]) {
                return try StoredRows.record(from: row)
            }
            let count: Int = try db.fetchValue("SELECT COUNT(*) FROM runs") ?? 0
            let what = count == 0 ? "there are no runs yet" : "there \(count == 1 ? "is" : "are") only \(count) run\(count == 1 ? "" : "s")"
            throw RunStoreError(.noSuchRun, "no run '\(selector)': \(what)")
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw RunStoreError(
                .invalidSelector,
                "'\(selector)' does not select a run: use a prefix of a run id, 'latest', or -1, -2, … for the newest runs"
            )
        }
        let sql = "SELECT \(StoredRows.runColumns) FROM runs WHERE id LIKE ? ORDER BY created_at DESC, \(db.dialect.insertionOrder) DESC LIMIT 11"
        let matches = try db.fetchAll(sql, [text + "%"]).map { try StoredRows.record(from: $0) }
        switch matches.count {
        case 0:
            throw RunStoreError(.noSuchRun, "no run id starts with '\(text)'")
        case 1:
            return matches[0]
        default:
            let shown = matches.prefix(10).map { "\($0.idText) (\($0.name))" }
            let more = matches.count > 10 ? ", …" : ""
            throw RunStoreError(
                .ambiguousSelector,
                "'\(text)' matches more than one run: \(shown.joined(separator: ", "))\(more); give more of the id",
                candidates: matches.prefix(10).map(\.idText)
            )
        }
    }

    /// 1 for `latest` and `-1`, 2 for `-2`, …; nil when the selector is not of that form.
    private static func recencyPosition(of text: String) -> Int? {
        if text == "latest" { return 1 }
        guard text.hasPrefix("-"), let position = Int(text.dropFirst()), position >= 1 else { return nil }
        return position
    }
}
