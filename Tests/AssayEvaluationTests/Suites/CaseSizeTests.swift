import AssayCore
import Testing
@testable import AssayEvaluation

/// A million-case suite keeps a case, and while it loads a placement, per record: their sizes
/// are part of the suite's memory, and packing them must not lose what they hold.
@Suite("The per-case cost of a loaded suite")
struct CaseSizeTests {
    @Test("a case is 32 bytes and a placement 8")
    func sizes() {
        #expect(MemoryLayout<TestCase>.stride <= 32)
        #expect(MemoryLayout<CaseCollector.Placement>.stride <= 8)
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

    @Test("a placement keeps its line, column and whether the record named its id")
    func placements() {
        for (line, column, own) in [(1, nil, true), (2, 5, false), (Int(Int32.max), Int(Int32.max), true), (1 << 40, nil, false)] as [(Int, Int?, Bool)] {
            let placement = CaseCollector.Placement(line: line, column: column, hasOwnID: own)
            #expect(placement.line == min(line, Int(Int32.max)))
            #expect(placement.column == column)
            #expect(placement.hasOwnID == own)
        }
    }
}
