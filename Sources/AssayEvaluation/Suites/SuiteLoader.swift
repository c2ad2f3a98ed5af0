import AssayCore
import Foundation

/// Loads suites from JSONL, JSON, CSV and YAML files.
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
                    + "or {\"cases\": [...]}), .csv (a header row, then one case per row) or .yaml (a list of cases)"
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
        let digest = SuiteDigest(of: bytes)
        // JSONL and CSV cases keep their records' text in the file rather than their fields.
        let collector = try collect(bytes: bytes, format: format, path: path, skipBad: skipBad, keepText: true)
        return collector.suite(source: SuiteSource(path: path, format: format, sha256: digest.value))
    }

    /// The cases of a suite's bytes, with where each starts; with `keepText`, JSONL and CSV
    /// cases keep their text in `bytes` (see ``SuiteText``).
    static func collect(
        bytes: [UInt8], format: SuiteFormat, path: String, skipBad: Bool, keepText: Bool = false
    ) throws(SuiteLoadError) -> CaseCollector {
        var content = bytes[...]
        if content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
        try validateUTF8(content, path: path)
        var collector = CaseCollector(path: path, skipBadRecords: skipBad, bytes: keepText ? bytes : nil)
        let offset = content.startIndex
        try content.withUnsafeBufferPointer { (buffer) throws(SuiteLoadError) in
            switch format {
            case .jsonl: try readJSONL(buffer, offset: offset, into: &collector)
            case .json: try readJSON(buffer, into: &collector)
            case .csv: try readCSV(buffer, offset: offset, into: &collector)
            case .yaml: try readYAML(buffer, into: &collector)
            }
        }
        return collector
    }

    static func readFile(at path: String) throws(SuiteLoadError) -> [UInt8] {
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
        // Read straight into the array: going through `Data` would hold the file twice.
        guard let bytes = readBytes(at: path) else {
            throw SuiteLoadError(.unreadableFile, path: path, message: "the file could not be read",
                                 hint: "check its permissions")
        }
        return bytes
    }

    /// The size of the pieces ``validateUTF8(_:path:)`` checks one at a time.
    static let validationChunk = 1 << 16

    /// The whole file's bytes, or `nil` when it cannot be opened or read.
    private static func readBytes(at path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        // One byte more than the size, so that a file that grew since is noticed in the same pass.
        let capacity = max(Int(status.st_size), 0) + 1
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            initialized = 0
            while initialized < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + initialized, buffer.count - initialized)
                if count < 0, errno == EINTR { continue }
                if count < 0 { failed = true }
                if count <= 0 { return }
                initialized += count
            }
        }
        guard !failed else { return nil }
        guard bytes.count == capacity else { return bytes }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    private static func validateUTF8(_ bytes: ArraySlice<UInt8>, path: String) throws(SuiteLoadError) {
        // `String(validating:)` is the fast validator, but it copies what it checks into a new
        // string: done on the whole file, a large suite would hold its text twice. Checking 64 kB
        // at a time keeps the copy small; each piece ends before a character that starts in it
        // and ends after it (a UTF-8 character is at most 4 bytes, its later bytes 10xxxxxx).
        var start = bytes.startIndex
        var isValid = true
        while start < bytes.endIndex {
            var end = min(start + validationChunk, bytes.endIndex)
            if end < bytes.endIndex {
                var back = 0
                while back < 3, bytes[end - back] & 0xC0 == 0x80 { back += 1 }
                end -= back
            }
            guard String(validating: bytes[start..<end], as: UTF8.self) != nil else {
                isValid = false
                break
            }
            start = end
        }
        if isValid { return }
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
