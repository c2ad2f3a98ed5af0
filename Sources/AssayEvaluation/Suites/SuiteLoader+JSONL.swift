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
        while lineStart < bytes.count {
            lineNumber += 1
            // memchr rather than a loop over the bytes: on a large suite finding the line ends
            // is a noticeable part of the load.
            let lineEnd = memchr(bytes.baseAddress! + lineStart, Int32(UInt8(ascii: "\n")), bytes.count - lineStart)
                .map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress! } ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            parser.restart(on: line)
            parser.skipWhitespace()
            if parser.isAtEnd { continue }
            let recordColumn = parser.index + 1
            let span = (offset + lineStart + recordColumn - 1)..<(offset + lineEnd)
            // A plain line (see `isPlainDocument`) whose case keeps its text needs only its id:
            // nothing else of it is built.
            // Only a line that starts with its id takes this way (suites write the id first; a
            // repeated key still makes the last one count): a line without an id is parsed whole
            // anyway, for its content hash, and looking for an id all along it first would be
            // wasted.
            var probe = JSONParser(bytes: line, start: parser.index)
            if collector.text != nil, let first = probe.firstKey(), first == "id" || first == "uuid" {
                var lookup = JSONParser(bytes: line, start: parser.index)
                let id = lookup.member("id")
                var uuid: JSONValue?
                if id == nil {
                    lookup.index = parser.index
                    uuid = lookup.member("uuid")
                }
                var checker = JSONParser(bytes: line, start: parser.index)
                if id != nil || uuid != nil, checker.isPlainDocument(),
                   try collector.addText(id: id, uuid: uuid, line: lineNumber, column: recordColumn, span: span) {
                    continue
                }
            }
            // A line without an id of its own gets its content hash from its canonical text,
            // written straight from its bytes when that is certain to match the text of its
            // parsed value (see `JSONCanonicalWriter`); a line with an `id` or `uuid` member
            // is left to the full parse, which decides what its id is.
            if collector.text != nil,
               canonical.writeObject(line, from: parser.index, acceptsTopLevelKey: { !Self.namesID($0) }) {
                try collector.addDerived(canonicalContent: canonical.output, line: lineNumber, column: recordColumn, span: span)
                continue
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
        guard let base = bytes.baseAddress else { return 0 }
        var count = 1
        var position = 0
        while position < bytes.count, let found = memchr(base + position, Int32(UInt8(ascii: "\n")), bytes.count - position) {
            count += 1
            position = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base + 1
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
