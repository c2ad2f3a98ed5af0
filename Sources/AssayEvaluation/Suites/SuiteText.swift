import AssayCore

/// The bytes of a suite file, kept as the storage of the cases read from it (see ``TestCase``).
///
/// Each case's span is a JSON object (JSONL) or a row of a CSV file with the header
/// ``csvHeader``. The text was valid UTF-8 and each span read without a problem when the suite
/// was loaded, so reading it again gives the same fields.
final class SuiteText: Sendable {
    let bytes: [UInt8]
    /// The column names, when the spans are CSV rows.
    let csvHeader: [String]?

    init(_ bytes: [UInt8], csvHeader: [String]? = nil) {
        self.bytes = bytes
        self.csvHeader = csvHeader
    }

    /// The record in `count` bytes from `start`.
    func value(start: Int, count: Int) -> JSONValue? {
        bytes.withUnsafeBufferPointer { buffer in
            let span = UnsafeBufferPointer(rebasing: buffer[start..<(start + count)])
            if let csvHeader { return CSVReader.caseFields(header: csvHeader, row: span).map(JSONValue.object) }
            var parser = JSONParser(bytes: span)
            return try? parser.parseDocument()
        }
    }

    /// The member `key` of the record in `count` bytes from `start`.
    func member(_ key: String, start: Int, count: Int) -> JSONValue? {
        if csvHeader != nil { return value(start: start, count: count)?[key] }
        return bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: UnsafeBufferPointer(rebasing: buffer[start..<(start + count)]))
            return parser.member(key)
        }
    }
}

/// Where a case's record is in its ``SuiteText``, in one word: the start in the low 40 bits (up
/// to a terabyte), the length in the high 24 (up to 16 MB).
struct TextSpan: Sendable, Hashable {
    private let packed: UInt64

    static let startBits = 40
    static let countLimit = 1 << (64 - startBits)

    /// The span of `count` bytes from `start`; nil when either is too large to pack.
    init?(start: Int, count: Int) {
        guard start >= 0, start < 1 << Self.startBits, count >= 0, count < Self.countLimit else { return nil }
        packed = UInt64(start) | UInt64(count) << Self.startBits
    }

    /// The offset of the first byte.
    var start: Int { Int(packed & (1 << Self.startBits - 1)) }
    /// The number of bytes.
    var count: Int { Int(packed >> Self.startBits) }
}
