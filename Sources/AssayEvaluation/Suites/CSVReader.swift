import AssayCore

/// Reads RFC 4180 CSV records from UTF-8 bytes, one at a time, tracking line numbers.
///
/// Quoted fields may contain commas, line breaks and doubled quotes; records end in CRLF, LF or
/// a lone CR. A quote inside an unquoted field is kept as a literal character. After a
/// malformed record the reader resumes on the next line, so one bad row does not hide the rest.
struct CSVReader {
    /// One record: its fields and where it and each field start.
    struct Record {
        var fields: [String] = []
        /// The byte offset where each field starts.
        var fieldOffsets: [Int] = []
        /// The 1-based line where the record starts.
        var line: Int
        /// The byte offset where that line starts.
        var lineStart: Int
        /// Whether the record is an empty or spaces-only line.
        var isBlank: Bool {
            fields.count == 1 && !wasQuoted && fields[0].allSatisfy { $0 == " " || $0 == "\t" }
        }
        var wasQuoted = false
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
    private var widestRow = 0

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
        guard index < bytes.count else { return nil }
        var record = Record(line: line, lineStart: lineStart)
        // Rows usually have as many fields as the widest before them: room for that many up
        // front spares each row the arrays' growth (a million-row suite noticed it).
        record.fields.reserveCapacity(widestRow)
        record.fieldOffsets.reserveCapacity(widestRow)
        defer { widestRow = max(widestRow, record.fields.count) }
        while true {
            record.fieldOffsets.append(index)
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                record.wasQuoted = true
                switch readQuotedField() {
                case .success(let field): record.fields.append(field)
                case .failure(let failure): return .failure(failure)
                }
            } else {
                let start = index
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
                    index += 1
                }
                record.fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
            }
            guard index < bytes.count else { return .record(record) }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "\r"):
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                startLine(at: index)
                return .record(record)
            default:
                index += 1
                startLine(at: index)
                return .record(record)
            }
        }
    }

    private mutating func startLine(at offset: Int) {
        line += 1
        lineStart = offset
    }

    private mutating func readQuotedField() -> Result<String, Failure> {
        let openLine = line
        let openColumn = column(of: index)
        let openOffset = index
        index += 1
        var field: [UInt8] = []
        var segmentStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<index]))
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                    field.append(UInt8(ascii: "\""))
                    index += 2
                    segmentStart = index
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
                    return .failure(failure)
                }
                return .success(String(decoding: field, as: UTF8.self))
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
        return .failure(failure)
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
        return caseFields(header: header, cells: record.fields)
    }

    /// Splits a `tags` cell on `;` into trimmed, non-empty strings.
    static func tagList(_ cell: String) -> JSONValue {
        .array(cell.split(separator: ";").compactMap { part in
            let tag = part.trimmingWhitespace()
            return tag.isEmpty ? nil : .string(tag)
        })
    }
}
