import AssayCore
import Foundation

/// Writes stable ids into a suite file in place (`assay add-ids`): every case without an `id` (or
/// GoTaglio's `uuid`) gets the id it is loaded with now, and every other byte of the file stays.
///
/// JSONL and JSON get `"id": "…", ` after the brace that opens the case; YAML a `id: …` line (or
/// `id: …, ` in a flow mapping) before the case's first key; CSV an `id` column in front, when the
/// file has none (a CSV file whose `id` column has empty cells is left to the user: its cells are
/// named in the error).
public enum SuiteIDWriter {
    /// Adds the missing ids to the suite file at `path`.
    ///
    /// - Parameter path: A suite file.
    /// - Returns: How many cases got an id (0 when every case had one: the file is not touched).
    /// - Throws: ``SuiteLoadError`` when the file cannot be loaded, or ids cannot be written into
    ///   it in place; ``SuiteWriteError`` when it cannot be written.
    public static func addIDs(path: String) throws -> Int {
        guard let format = SuiteFormat(path: path) else { _ = try SuiteLoader.load(path: path); return 0 }
        let bytes = try SuiteLoader.readFile(at: path)
        let collector = try SuiteLoader.collect(bytes: bytes, format: format, path: path, skipBad: false)
        let text = String(decoding: bytes, as: UTF8.self)
        let (rewritten, count) = try withIDs(text, collector: collector, format: format, path: path)
        guard count > 0 else { return 0 }
        do {
            try Data(rewritten.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SuiteWriteError(path: path, reason: error.localizedDescription)
        }
        return count
    }

    /// The text with an id written into each case that has none, and how many were written.
    static func withIDs(_ text: String, collector: CaseCollector, format: SuiteFormat, path: String) throws(SuiteLoadError) -> (String, Int) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0).unicodeScalars) }
        let missing = zip(collector.cases, collector.placements).filter { !$0.1.hasOwnID }
        if format == .csv {
            return try csv(&lines, missing: missing.map { ($0.0.id, $0.1.line) }, path: path)
        }
        // From the end, so that earlier positions stay where they were.
        for (testCase, placement) in missing.reversed() {
            let row = placement.line - 1
            var column = (placement.column ?? 1) - 1
            guard lines.indices.contains(row) else { continue }
            let quoted = JSONValue.string(testCase.id).serialized()
            if format == .yaml, lines[row].indices.contains(column), lines[row][column] != "{" {
                // A block mapping: a line of its own before the first key, at that key's indentation.
                let line = String(String.UnicodeScalarView(lines[row][..<column]))
                let isItemLine = line.trimmingCharacters(in: .whitespaces).hasPrefix("-")
                let indentation = String(repeating: " ", count: column)
                lines[row].insert(contentsOf: Array("id: \(quoted)\n\(isItemLine ? indentation : line)".unicodeScalars), at: column)
                continue
            }
            // A brace opens the case: the id goes right after it.
            while lines[row].indices.contains(column), lines[row][column] != "{" { column += 1 }
            guard lines[row].indices.contains(column) else { continue }
            let rest = lines[row][(column + 1)...].drop { $0 == " " }
            let separator = rest.first == "}" ? "" : ", "
            let field = format == .yaml ? "id: \(quoted)" : "\"id\": \(quoted)"
            lines[row].insert(contentsOf: Array((field + separator).unicodeScalars), at: column + 1)
        }
        return (lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n"), missing.count)
    }

    /// CSV: an `id` column in front of the others (every row gets its cell, the ids it loads with).
    private static func csv(_ lines: inout [[Unicode.Scalar]], missing: [(String, Int)], path: String) throws(SuiteLoadError) -> (String, Int) {
        guard !missing.isEmpty else { return ("", 0) }
        let header = String(String.UnicodeScalarView(lines.first(where: { !$0.isEmpty }) ?? []))
        if header.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "id" }) {
            let rows = missing.map { String($0.1) }.joined(separator: ", ")
            throw SuiteLoadError(.invalidCase, path: path, message: "the id column is empty on line \(rows)",
                                 hint: "fill those cells, or remove the id column and run add-ids again")
        }
        let headerRow = lines.firstIndex(where: { !$0.isEmpty }) ?? 0
        lines[headerRow].insert(contentsOf: Array("id,".unicodeScalars), at: 0)
        for (id, line) in missing {
            let cell = id.contains(",") || id.contains("\"") ? "\"" + id.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : id
            lines[line - 1].insert(contentsOf: Array((cell + ",").unicodeScalars), at: 0)
        }
        return (lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n"), missing.count)
    }
}
