import AssayCore
import Testing
@testable import AssayEvaluation

/// A million-case suite keeps a case, and while it loads a line, per record: their sizes are part
/// of the suite's memory, and packing them must not lose what they hold.
@Suite("The per-case cost of a loaded suite")
struct CaseSizeTests {
    @Test("a case is 32 bytes; while a suite loads, its lines cost 4 bytes a case and add-ids' anchors 4 more")
    func sizes() throws {
        #expect(MemoryLayout<TestCase>.stride <= 32)
        #expect(MemoryLayout<CaseCollector.Anchor>.stride <= 4)
        let text = (1...3).map { #"{"id": "c\#($0)", "input": "hi"}"# }.joined(separator: "\n")
        for format in [SuiteFormat.jsonl, .csv] {
            let bytes = Array((format == .csv ? "id,input\nc1,hi\nc2,hi\nc3,hi\n" : text).utf8)
            let kept = try SuiteLoader.collect(bytes: bytes, format: format, path: "s", skipBad: false, keepText: true)
            #expect(kept.lines == [1, 2, 3].map { UInt32(format == .csv ? $0 + 1 : $0) })
            #expect(kept.anchors.isEmpty, "a suite loaded to be used keeps no column per case")
            let parsed = try SuiteLoader.collect(bytes: bytes, format: format, path: "s", skipBad: false)
            #expect(parsed.placements.map(\.line) == kept.lines.map(Int.init))
            #expect(parsed.placements.allSatisfy { $0.hasOwnID })
        }
    }

    @Test("a text span keeps its start and length up to its limits, and refuses larger ones")
    func textSpans() throws {
        for (start, count) in [(0, 0), (1, 2), (1 << 40 - 1, TextSpan.countLimit - 1), (123_456_789_012, 65_536)] {
            let span = try #require(TextSpan(start: start, count: count))
            #expect(span.start == start)
            #expect(span.count == count)
        }
        #expect(TextSpan(start: 1 << 40, count: 1) == nil)
        #expect(TextSpan(start: 0, count: TextSpan.countLimit) == nil)
        #expect(TextSpan(start: -1, count: 1) == nil)
    }

    @Test("a record too long for a span keeps its fields and reads the same")
    func longRecord() throws {
        let long = String(repeating: "x", count: TextSpan.countLimit)
        let line = #"{"input": "\#(long)", "id": 7, "tags": ["a"]}"#
        let text = SuiteText(Array(line.utf8))
        let kept = TestCase(id: "7", text: text, start: 0, count: line.utf8.count)
        let made = TestCase(fields: try #require(JSONValue.parse(line).objectValue))
        #expect(kept == made)
        #expect(kept.fields.keys == ["id", "input", "tags"])
        #expect(kept.field("id") == .int(7))
        #expect(kept.tags == ["a"])
    }

    @Test("an anchor keeps a column up to 2^31 - 1 and whether the record named its id")
    func anchors() {
        for (column, own) in [(nil, true), (5, false), (Int(Int32.max), true), (1 << 40, false)] as [(Int?, Bool)] {
            let anchor = CaseCollector.Anchor(column: column, hasOwnID: own)
            #expect(anchor.column == column.map { min($0, Int(Int32.max)) })
            #expect(anchor.hasOwnID == own)
        }
    }
}
