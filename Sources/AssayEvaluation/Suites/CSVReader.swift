import AssayCore

/// Reads RFC 4180 CSV records from UTF-8 bytes, one at a time, tracking line numbers.
///
/// Quoted fields may contain commas, line breaks and doubled quotes; records end in CRLF, LF or
/// a lone CR. A quote inside an unquoted field is kept as a literal character. After a
/// malformed record the reader resumes on the next line, so one bad row does not hide the rest.
struct CSVReader {
    /// One record: where it and each of its fields are. A field's text is read only when asked
    /// (``field(_:of:)``): a large suite needs one cell of a row, its id, while it loads.
    struct Record {
        /// The byte offset where each field starts (its opening quote, when quoted).
        var fieldOffsets: [Int] = []
        /// The byte offset where each field ends (after its closing quote, when quoted).
        var fieldEnds: [Int] = []
        /// The 1-based line where the record starts.
        var line = 1
        /// The byte offset where that line starts.
        var lineStart = 0
        /// The number of fields.
        var count: Int { fieldOffsets.count }
    }

    /// A record that breaks the syntax.
    struct Failure: Error {
        var message: String
        var hint: String?
        var line: Int
        var column: Int
    }

    enum Outcome {
        case record(Record)
        case failure(Failure)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The offset of the next unread byte: after ``next()``, where the record it read ends.
    var position: Int { index }

    /// The 1-based column of `offset`, which must lie on the current line.
    func column(of offset: Int) -> Int {
        position(of: offset, lineStart: lineStart, line: line).column
    }

    /// The line and column of `offset`, counting from a known line start.
    func position(of offset: Int, lineStart: Int, line: Int) -> SourcePosition {
        var position = SourcePosition(line: line, column: 1)
        for index in lineStart..<offset {
            if bytes[index] == UInt8(ascii: "\n") {
                position.line += 1
                position.column = 1
            } else if bytes[index] & 0xC0 != 0x80 {
                position.column += 1
            }
        }
        return position
    }

    /// The next record, a failure, or `nil` at the end of the input.
    mutating func next() -> Outcome? {
        var record = Record()
        switch next(into: &record) {
        case nil: return nil
        case .record?: return .record(record)
        case .failure(let failure)?: return .failure(failure)
        }
    }

    /// What ``next(into:)`` read.
    enum Step {
        case record
        case failure(Failure)
    }

    /// Reads the next record into `record`, reusing its storage (a million-row suite reads one
    /// row after another into the same arrays); `nil` at the end of the input.
    mutating func next(into record: inout Record) -> Step? {
        guard index < bytes.count else { return nil }
        record.fieldOffsets.removeAll(keepingCapacity: true)
        record.fieldEnds.removeAll(keepingCapacity: true)
        record.line = line
        record.lineStart = lineStart
        while true {
            record.fieldOffsets.append(index)
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                if let failure = skipQuotedField() { return .failure(failure) }
            } else {
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
                    index += 1
                }
            }
            record.fieldEnds.append(index)
            guard index < bytes.count else { return .record }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "\r"):
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                startLine(at: index)
                return .record
            default:
                index += 1
                startLine(at: index)
                return .record
            }
        }
    }

    /// The text of the field at `position` of `record`: a quoted field without its quotes and
    /// with each doubled quote made one.
    func field(_ position: Int, of record: Record) -> String {
        let start = record.fieldOffsets[position]
        let end = record.fieldEnds[position]
        guard start < end, bytes[start] == UInt8(ascii: "\"") else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        let content = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(end - 1)])
        guard content.contains(UInt8(ascii: "\"")) else { return String(decoding: content, as: UTF8.self) }
        var text: [UInt8] = []
        text.reserveCapacity(content.count)
        var offset = 0
        while offset < content.count {
            text.append(content[offset])
            // Inside a field that read without a problem, a quote is always one of a doubled pair.
            offset += content[offset] == UInt8(ascii: "\"") ? 2 : 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Every field of `record`, as ``field(_:of:)`` gives it.
    func fields(of record: Record) -> [String] {
        (0..<record.count).map { field($0, of: record) }
    }

    /// Whether `record` is an empty or spaces-only line.
    func isBlank(_ record: Record) -> Bool {
        guard record.count == 1 else { return false }
        let start = record.fieldOffsets[0]
        let end = record.fieldEnds[0]
        if start < end, bytes[start] == UInt8(ascii: "\"") { return false }
        return bytes[start..<end].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    private mutating func startLine(at offset: Int) {
        line += 1
        lineStart = offset
    }

    /// Steps over a quoted field from its opening quote; the failure when it is malformed.
    private mutating func skipQuotedField() -> Failure? {
        let openLine = line
        let openColumn = column(of: index)
        let openOffset = index
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                    index += 2
                    continue
                }
                index += 1
                if index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[index]) {
                    let failure = Failure(
                        message: "unexpected \(describe(at: index)) after the closing quote of a field",
                        hint: "inside a quoted field, write a quote as two quotes: \"say \"\"hi\"\"\"",
                        line: line, column: column(of: index)
                    )
                    skipToNextLine(from: index)
                    return failure
                }
                return nil
            }
            if byte == UInt8(ascii: "\n") { startLine(at: index + 1) }
            index += 1
        }
        // Unterminated: report the opening quote and resume on the line after it.
        line = openLine
        let failure = Failure(
            message: "unterminated quoted field (the quote opened here is never closed)",
            hint: "close the field with a quote, or write a quote inside it as two quotes (\"\")",
            line: openLine, column: openColumn
        )
        skipToNextLine(from: openOffset)
        return failure
    }

    private mutating func skipToNextLine(from offset: Int) {
        var position = offset
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
        index = min(position + 1, bytes.count)
        startLine(at: index)
    }

    private func describe(at offset: Int) -> String {
        let byte = bytes[offset]
        if byte < 0x80 && byte >= 0x20 { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "a non-ASCII character"
    }
}

extension CSVReader {
    /// The column whose cells are split on `;` into a list of tags.
    static let tagsColumn = "tags"

    /// The case of one row: each column's cell under its name, a `tags` cell as a list.
    static func caseFields(header: [String], cells: [String]) -> JSONObject {
        var fields = JSONObject()
        fields.reserveCapacity(header.count)
        for (name, cell) in zip(header, cells) {
            fields[name] = name == tagsColumn ? tagList(cell) : .string(cell)
        }
        return fields
    }

    /// The case of the one row in `bytes` (a span a ``SuiteText`` keeps).
    static func caseFields(header: [String], row bytes: UnsafeBufferPointer<UInt8>) -> JSONObject? {
        var reader = CSVReader(bytes: bytes)
        guard case .record(let record)? = reader.next() else { return nil }
        return caseFields(header: header, cells: reader.fields(of: record))
    }

    /// Splits a `tags` cell on `;` into trimmed, non-empty strings.
    static func tagList(_ cell: String) -> JSONValue {
        .array(cell.split(separator: ";").compactMap { part in
            let tag = part.trimmingWhitespace()
            return tag.isEmpty ? nil : .string(tag)
        })
    }
}
