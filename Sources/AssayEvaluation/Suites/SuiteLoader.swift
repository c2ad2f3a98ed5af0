import AssayCore
import Foundation

/// Loads suites from JSONL, JSON and CSV files.
///
/// The format comes from the file extension: `.jsonl` or `.ndjson` (one JSON object per line,
/// blank lines ignored), `.json` (an array of objects, or an object whose `cases` member is that
/// array) and `.csv` (a header row, then one case per row). A UTF-8 byte order mark is ignored.
///
/// Each case keeps every field of its record. A record without an `id` (or with an empty one)
/// gets ``TestCase/derivedID(for:)``, which is stable across loads and formats. Two cases with
/// the same id are an error naming both lines.
///
/// CSV follows RFC 4180: fields may be quoted, a quoted field may hold commas, line breaks and
/// doubled quotes (`""` for `"`), and rows may end in CRLF or LF. Every cell is a string (an
/// empty cell is `""`), except in a column named `tags`, whose cell is split on `;` into a list
/// of trimmed, non-empty strings (`"easy; menu"` becomes `["easy", "menu"]`). Header names are
/// trimmed of spaces; lines holding only spaces are ignored.
public enum SuiteLoader {
    /// Loads the suite in the file at `path`.
    ///
    /// - Parameters:
    ///   - path: The file's path; relative paths start at the current directory.
    ///   - skipBad: When `true`, malformed JSONL lines and CSV rows, records that are not cases
    ///     and duplicate ids are left out and listed in ``Suite/skipped`` instead of failing the
    ///     load. A JSON file with a syntax error always fails: nothing after it can be trusted.
    /// - Returns: The suite, with ``Suite/source`` describing the file.
    /// - Throws: ``SuiteLoadError``, whose description reads `FILE:LINE:COL: error: MESSAGE`.
    public static func load(path: String, skipBad: Bool = false) throws(SuiteLoadError) -> Suite {
        guard let format = SuiteFormat(path: path) else {
            throw SuiteLoadError(
                .unknownFormat, path: path,
                message: "cannot tell the suite format from the file name",
                hint: "name the file .jsonl (one JSON object per line), .json (an array of objects, "
                    + "or {\"cases\": [...]}) or .csv (a header row, then one case per row)"
            )
        }
        let bytes = try readFile(at: path)
        return try parse(bytes: bytes, format: format, path: path, skipBad: skipBad)
    }

    /// Loads a suite from text already in memory.
    ///
    /// - Parameters:
    ///   - text: The suite's text.
    ///   - format: How to read it.
    ///   - name: The name used in messages and in ``Suite/source``.
    ///   - skipBad: Whether to skip malformed records (see ``load(path:skipBad:)``).
    /// - Returns: The suite.
    /// - Throws: ``SuiteLoadError`` naming `name` and the line of the problem.
    public static func parse(
        _ text: String, format: SuiteFormat, name: String = "<suite>", skipBad: Bool = false
    ) throws(SuiteLoadError) -> Suite {
        try parse(bytes: Array(text.utf8), format: format, path: name, skipBad: skipBad)
    }

    static func parse(bytes: [UInt8], format: SuiteFormat, path: String, skipBad: Bool) throws(SuiteLoadError) -> Suite {
        let source = SuiteSource(path: path, format: format, sha256: sha256Hex(bytes))
        var content = bytes[...]
        if content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
        try validateUTF8(content, path: path)
        var collector = CaseCollector(path: path, skipBadRecords: skipBad)
        try content.withUnsafeBufferPointer { (buffer) throws(SuiteLoadError) in
            switch format {
            case .jsonl: try readJSONL(buffer, into: &collector)
            case .json: try readJSON(buffer, into: &collector)
            case .csv: try readCSV(buffer, into: &collector)
            }
        }
        return collector.suite(source: source)
    }

    private static func readFile(at path: String) throws(SuiteLoadError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SuiteLoadError(
                .fileNotFound, path: path, message: "no such file",
                hint: "check the path; relative paths start at the current directory ("
                    + FileManager.default.currentDirectoryPath + ")"
            )
        }
        guard !isDirectory.boolValue else {
            throw SuiteLoadError(.fileNotFound, path: path, message: "is a directory, not a suite file",
                                 hint: "give the path of a .jsonl, .json or .csv file inside it")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SuiteLoadError(.unreadableFile, path: path, message: "the file could not be read",
                                 hint: "check its permissions")
        }
        return [UInt8](data)
    }

    private static func validateUTF8(_ bytes: ArraySlice<UInt8>, path: String) throws(SuiteLoadError) {
        if String(validating: bytes, as: UTF8.self) != nil { return }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while case .valid(let scalar) = parser.parseScalar(from: &iterator) {
            offset += scalar.count
        }
        let position = SourcePosition(offset: offset, in: bytes)
        throw SuiteLoadError(
            .invalidEncoding, path: path, line: position.line, column: position.column,
            message: "the file is not valid UTF-8 text",
            hint: "save the file as UTF-8"
        )
    }
}
