import AssayCore
import AssayEvaluation
import AssayLanguage
import Foundation

/// A list of case results or records as a table: one row per item, one column per field, nested
/// records (a case's metrics) flattened to one column per leaf path (`rouge/rougeL/f1`).
///
/// Plain text fits a width (the terminal's): the widest text columns are narrowed until the table
/// fits and their cells cut with `…`. HTML colours the status, right-aligns numbers, and folds
/// long text into an expandable `<details>`. At most `rows` rows are shown; the caption says how
/// many were left out.
struct CaseTable: Sendable {
    /// The columns shown, as headed.
    var columns: [String]
    /// The cells of every item, by column (missing cells are null).
    var rows: [[Value]]
    /// How many items there were before the row cap.
    var total: Int
    /// What the rows are (`case results`, `rows`), for the caption.
    var noun: String
    /// The front end's most rows per table (``OutputLimits/rowsPerTable``), when it cut the rows asked for.
    var rowLimit: Int?

    /// The rows shown unless `show(x, rows:)` asks for more.
    static let defaultRows = 20
    /// Cells longer than this fold into `<details>` in HTML.
    static let foldLength = 80
    /// The narrowest a text column is made in plain text.
    static let minimumWidth = 6

    /// The table of `items` when every item is a case result or a record (at least one).
    ///
    /// Only the rows shown are made: the columns, which are every item's, are read from each item's
    /// keys (a case result's metric paths) without making its cells.
    ///
    /// - Parameters:
    ///   - items: The list.
    ///   - rows: The most rows shown.
    ///   - columns: The columns wanted (names or leaf paths), or nil for every column.
    /// - Throws: a failure naming a column that no item has, with a close name.
    static func make(_ items: [Value], rows: Int = defaultRows, columns wanted: [String]? = nil) throws(BuiltinFailure) -> CaseTable? {
        guard !items.isEmpty else { return nil }
        var all: [String] = []
        var seen = Set<String>()
        var isCases = true
        for item in items {
            switch item {
            case .object(let object as CaseResultObject):
                caseColumns(object.result) { key in if seen.insert(key).inserted { all.append(key) } }
            case .record(let record):
                isCases = false
                for (key, _) in RecordTable.leaves(of: record) where seen.insert(key).inserted { all.append(key) }
            default: return nil
            }
        }
        var columns = all
        if let wanted {
            columns = []
            for name in wanted {
                if seen.contains(name) { columns.append(name); continue }
                let hint = Suggestion.didYouMean(name, among: all) ?? "columns: " + all.joined(separator: ", ")
                throw BuiltinFailure(message: "show: no row has the column '\(name)'", hint: hint, argument: "columns", id: "show.column")
            }
        }
        let shown = items.prefix(max(0, rows)).map { item in
            let row = cells(of: item)
            return columns.map { column in row.first { $0.0 == column }?.1 ?? .null }
        }
        return CaseTable(columns: columns, rows: Array(shown), total: items.count, noun: isCases ? "case results" : "rows")
    }

    /// The cells of an item that is a case result or a record.
    private static func cells(of item: Value) -> [(String, Value)] {
        switch item {
        case .object(let object as CaseResultObject): caseCells(object)
        case .record(let record): RecordTable.leaves(of: record)
        default: []
        }
    }

    /// The keys of a case result's cells (``caseCells(_:)``), in order, without making the cells.
    static func caseColumns(_ result: CaseResult, _ visit: (String) -> Void) {
        for name in ["id", "status", "input", "expected", "output"] { visit(name) }
        metricPaths(result.metrics, prefix: "", visit)
        visit("error")
    }

    /// The leaf paths of a case's metrics, as ``RecordTable/leaves(of:prefix:)`` names them.
    private static func metricPaths(_ metrics: JSONObject, prefix: String, _ visit: (String) -> Void) {
        for (key, value) in metrics {
            if case .object(let inner) = value { metricPaths(inner, prefix: prefix + key + "/", visit) } else { visit(prefix + key) }
        }
    }

    /// A case result's cells: id, status, input, expected, output, each metric leaf, error.
    static func caseCells(_ object: CaseResultObject) -> [(String, Value)] {
        let result = object.result
        var cells: [(String, Value)] = [
            ("id", .string(result.sample > 0 ? "\(result.caseID)#\(result.sample)" : result.caseID)),
            ("status", .string(result.status.rawValue)),
        ]
        for name in ["input", "expected", "output"] { cells.append((name, object.member(name) ?? .null)) }
        if case .record(let metrics)? = object.member("metrics") { cells += RecordTable.leaves(of: metrics) }
        cells.append(("error", result.error.map(Value.string) ?? .null))
        return cells
    }

    /// The caption: how many rows are shown, and how to see the rest.
    var caption: String? {
        guard rows.count < total else { return nil }
        if let rowLimit, rows.count == rowLimit {
            let writer = noun == "case results" ? "export(r, \"cases.jsonl\")" : "save(x, \"rows.csv\")"
            return "\(rows.count) of \(total) \(noun) shown, the most a notebook table shows (\(OutputLimits.rowsVariable) changes it); "
                + "\(writer) writes all of them to a file"
        }
        return "\(rows.count) of \(total) \(noun) shown; \(total - rows.count) more: show(x, rows: \(total))"
    }

    /// A cell as one line of text.
    static func text(_ value: Value) -> String {
        switch value {
        case .null: return ""
        case .float(let number): return StatisticObject.format(number)
        default: return Table.oneLine(ValueRenderer.cellText(value))
        }
    }

    static func isNumber(_ value: Value) -> Bool {
        switch value {
        case .integer, .float: true
        default: false
        }
    }

    /// The columns whose every non-null cell is a number.
    var numericColumns: Set<Int> {
        Set(columns.indices.filter { column in
            let values = rows.map { $0[column] }.filter { $0 != .null }
            return !values.isEmpty && values.allSatisfy(Self.isNumber)
        })
    }
}
