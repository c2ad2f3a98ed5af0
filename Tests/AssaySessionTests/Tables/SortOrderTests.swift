@testable import AssayLanguage
@testable import AssaySession
import Testing

/// `sort` compares ASCII string keys eight bytes at a time; its order must be the order of a
/// stable sort comparing the keys as `String`s, nulls last.
@Suite("Sorting string keys")
struct SortOrderTests {
    /// The positions of `keys` as a stable sort by `String` comparison orders them, nulls last:
    /// the generic path every other kind of key takes.
    static func reference(_ keys: [String?], descending: Bool) -> [Int] {
        CollectionBuiltins.sorted(keys, descending: descending)
    }

    /// Keys from a few pieces: long shared prefixes, keys that are prefixes of others, lengths
    /// on each side of 8 and 16 bytes, NUL bytes, repeated keys and nulls.
    static func trickyKeys(count: Int, seed: UInt64) -> [String?] {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let pieces = ["", "a", "b", "ab", "How do I ", "How do I share the ", "\u{0}", "\u{0}a", "z", "1234567", "12345678", "A"]
        return (0..<count).map { _ in
            if next() % 17 == 0 { return nil }
            return (0..<(next() % 5)).map { _ in pieces[next() % pieces.count] }.joined()
        }
    }

    @Test("ASCII keys: the order and ties of a stable String sort, ascending and descending, sorted by comparison and by counting")
    func asciiKeys() throws {
        // 300 keys are sorted by comparison; with three times the threshold, and few distinct
        // pieces, most runs of equal chunks are long enough to be sorted by counting too.
        for (count, seeds) in [(300, 1...20), (3 * ByteKeyOrder.radixThreshold, 1...4)] as [(Int, ClosedRange<UInt64>)] {
            for seed in seeds {
                let keys = Self.trickyKeys(count: count, seed: seed)
                let values: [Value] = keys.map { $0.map(Value.string) ?? .null }
                for descending in [false, true] {
                    let order = try CollectionBuiltins.sortedPositions(values, descending: descending, by: "by")
                    #expect(order == Self.reference(keys, descending: descending), "\(count) keys, seed \(seed), descending \(descending)")
                }
            }
        }
    }

    @Test("non-ASCII keys: combining characters and canonically equal keys sort as Strings do")
    func unicodeKeys() throws {
        // "é" written precomposed and as e + U+0301 are equal Strings: they keep their order.
        let keys: [String?] = ["e\u{301}x", "f", "\u{E9}", "e", nil, "e\u{301}", "ea", "Z", "\u{E9}x", "ñ", "n\u{303}", "é"]
        for descending in [false, true] {
            let order = try CollectionBuiltins.sortedPositions(keys.map { $0.map(Value.string) ?? .null }, descending: descending, by: "by")
            #expect(order == Self.reference(keys, descending: descending), "descending \(descending)")
        }
    }

    @Test("a suite sorted by a key with a long shared prefix keeps equal keys in file order")
    func suiteWithSharedPrefix() async throws {
        let fixture = SessionFixture()
        let inputs = ["How do I reset the ticket #2", "How do I reset the ticket #10", "How do I reset the ticket #2",
                      "How do I reset the ticket", "How do I reset the ticket #10 today", "How do I reset the ticket #2"]
        let lines = inputs.enumerated().map { #"{"id": "c\#($0.offset)", "input": "\#($0.element)"}"# }
        try fixture.write("s.jsonl", lines.joined(separator: "\n") + "\n")
        await fixture.run(#"s = load("s.jsonl")"#)
        let (outcome, ascending) = await fixture.run(#"sort(s, "input")/*/id"#)
        #expect(outcome == .success)
        #expect(ascending.standardOutputLines == [#"["c3", "c1", "c4", "c0", "c2", "c5"]"#])
        let (_, descending) = await fixture.run(#"sort(s, c => c/input, desc: true)/*/id"#)
        #expect(descending.standardOutputLines == [#"["c0", "c2", "c5", "c4", "c1", "c3"]"#])
    }
}
