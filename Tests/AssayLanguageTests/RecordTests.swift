import Testing
import AssayLanguage

@Suite("Records of many members")
struct RecordTests {
    static let names = (0..<40).map { "field\($0)" }

    @Test("past the size where lookups use an index, members keep their order, values and removals")
    func indexedRecord() {
        var record = Record(Self.names.enumerated().map { ($0.element, Value.integer($0.offset)) })
        #expect(record.keys == Self.names)
        #expect(record["field31"] == .integer(31))
        record["field3"] = nil
        record["field31"] = .string("changed")
        record["field3"] = .boolean(true)
        #expect(record.keys == Self.names.filter { $0 != "field3" } + ["field3"])
        #expect(record["field31"] == .string("changed"))
        #expect(record["field39"] == .integer(39))
        for name in Self.names.dropFirst(2) { record[name] = nil }
        #expect(record.pairs.map(\.key) == ["field0", "field1"])
        #expect(record["field1"] == .integer(1))
        #expect(record["field30"] == nil)
    }

    @Test("records are equal when their members are, in the same order")
    func equality() {
        let small = Record([("a", .integer(1)), ("b", .string("x"))])
        #expect(small == Record([("a", .integer(1)), ("b", .string("x"))]))
        #expect(small != Record([("b", .string("x")), ("a", .integer(1))]))
        #expect(small != Record([("a", .integer(1))]))
        let large = Record(Self.names.map { ($0, Value.null) })
        var rebuilt = Record()
        for name in Self.names { rebuilt[name] = .null }
        #expect(large == rebuilt)
    }
}
