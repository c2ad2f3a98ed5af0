import AssayCore
import Foundation

extension SuiteLoader {
    static let jsonlRecordHint = "each line of a JSONL suite is one case, such as {\"id\": \"a\", \"input\": \"...\", \"expected\": \"...\"}"

    /// Reads one JSON object per line; blank lines are ignored. `offset` is where `bytes` starts
    /// in the file (after a byte order mark), for the spans of cases that keep their text.
    static func readJSONL(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int, into collector: inout CaseCollector) throws(SuiteLoadError) {
        var lineStart = 0
        var lineNumber = 0
        collector.keepText(csvHeader: nil)
        collector.reserveCapacity(lineCount(bytes))
        var parser = JSONParser(bytes: UnsafeBufferPointer(rebasing: bytes[0..<0]))
        var canonical = JSONCanonicalWriter()
        // The later half of a large suite is read ahead on another thread meanwhile (`LineIDs`).
        let split = collector.text != nil && bytes.count >= parallelLineIDsMinimum ? laterHalf(of: bytes) : nil
        let laterIDs = split.map { LineIDs(text: collector.text!, from: offset + $0) }
        defer { laterIDs?.cancel() }
        var readAhead: [LineID] = []
        var firstReadAheadLine = Int.max
        while lineStart < bytes.count {
            lineNumber += 1
            if lineStart == split, let laterIDs {
                readAhead = laterIDs.wait()
                firstReadAheadLine = lineNumber
            }
            let lineEnd = newline(in: bytes, from: lineStart) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            parser.restart(on: line)
            parser.skipWhitespace()
            if parser.isAtEnd { continue }
            let recordColumn = parser.index + 1
            let span = (offset + lineStart + recordColumn - 1)..<(offset + lineEnd)
            // A case that keeps its text needs only its id, when its bytes tell it.
            if collector.text != nil {
                let readAt = lineNumber - firstReadAheadLine
                switch readAhead.indices.contains(readAt) ? readAhead[readAt] : lineID(line, writer: &canonical) {
                case .named(let id, let fromUUID):
                    try collector.addNamed(id, fromUUID: fromUUID, line: lineNumber, column: recordColumn, span: span)
                    continue
                case .derived(let id):
                    try collector.addDerived(id: id, line: lineNumber, column: recordColumn, span: span)
                    continue
                case .undecided:
                    break
                }
            }
            let record: JSONValue
            do {
                record = try parser.parseDocument()
            } catch {
                try collector.reject(SuiteLoadError(
                    .malformedRecord, path: collector.path, line: lineNumber,
                    column: SourcePosition(offset: error.offset, in: line).column,
                    message: error.message,
                    hint: jsonlHint(for: error)
                ))
                continue
            }
            try collector.add(
                record, line: lineNumber, column: recordColumn, hintForNonObject: jsonlRecordHint,
                span: span
            )
        }
    }

    /// From how many bytes a JSONL suite's later half has its lines' ids read on another thread
    /// (``LineIDs``).
    static let parallelLineIDsMinimum = 1 << 20

    /// Where the first line starting in the second half of `bytes` starts; nil when none does.
    private static func laterHalf(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let newline = newline(in: bytes, from: bytes.count / 2), newline + 1 < bytes.count else { return nil }
        return newline + 1
    }

    /// Where the first line feed at or after `start` is in `bytes`; nil when there is none.
    ///
    /// memchr rather than a loop over the bytes: on a large suite finding the line ends is a
    /// noticeable part of the load.
    static func newline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count,
              let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else { return nil }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// What a JSONL line's id is, as far as its bytes tell without making its fields.
    enum LineID: Sendable {
        /// A plain object (see `isPlainDocument`) that starts with its `id` or `uuid` member,
        /// naming this id; `fromUUID` when it came from `uuid`.
        case named(String, fromUUID: Bool)
        /// An object without an `id` or `uuid` member whose canonical text (written straight
        /// from its bytes) gives this id, ``TestCase/derivedID(for:)`` of its fields.
        case derived(String)
        /// Anything else (a blank line, an id later in the line, an id that is not a non-empty
        /// string or integer, an escape the canonical writer leaves to the parser, invalid
        /// JSON): the line is parsed whole, which decides its id or its error.
        case undecided
    }

    /// The id of a line, as ``LineID`` says.
    ///
    /// Only a line that starts with its id is looked up (suites write the id first; a repeated
    /// key still makes the last one count): a line without an id needs its canonical text
    /// anyway, and looking for an id all along it first would be wasted.
    static func lineID(_ line: UnsafeBufferPointer<UInt8>, writer: inout JSONCanonicalWriter) -> LineID {
        var parser = JSONParser(bytes: line)
        parser.skipWhitespace()
        guard !parser.isAtEnd else { return .undecided }
        let start = parser.index
        var probe = JSONParser(bytes: line, start: start)
        if let first = probe.firstKey(), first == "id" || first == "uuid" {
            var lookup = JSONParser(bytes: line, start: start)
            let id = lookup.member("id")
            var uuid: JSONValue?
            if id == nil {
                lookup.index = start
                uuid = lookup.member("uuid")
            }
            var checker = JSONParser(bytes: line, start: start)
            guard let named = CaseCollector.namedID(id: id, uuid: uuid), checker.isPlainDocument() else { return .undecided }
            return .named(named, fromUUID: id == nil)
        }
        guard writer.writeObject(line, from: start, acceptsTopLevelKey: { !namesID($0) }) else { return .undecided }
        return .derived(sha256Hex(writer.output, digits: 12))
    }

    /// Whether a key's bytes are `id` or `uuid`, the members a case's own id comes from.
    private static func namesID(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        switch key.count {
        case 2: key[0] == UInt8(ascii: "i") && key[1] == UInt8(ascii: "d")
        case 4: key.elementsEqual("uuid".utf8)
        default: false
        }
    }

    /// The number of lines, to size the cases array once instead of growing (and copying) it:
    /// at most one case per line, for JSONL and CSV alike.
    static func lineCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 1
        var position = 0
        while let found = newline(in: bytes, from: position) {
            count += 1
            position = found + 1
        }
        return count
    }

    private static func jsonlHint(for failure: JSONParseFailure) -> String? {
        if failure.message.hasPrefix("unterminated string") || failure.message.hasPrefix("unterminated object") {
            return "a JSONL record must fit on one line; write line breaks inside strings as \\n"
        }
        return nil
    }
}
