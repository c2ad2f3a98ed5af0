import Testing

@Suite("Filtering and sorting a suite")
struct SuiteRebuildTests {
    static let suite = """
        {"id": "c", "input": "3"}
        {"input": "1", "id": "a"}
        {"input": "2"}

        """

    @Test("sort and filter give a suite whose records are its cases' fields: the id first, derived ids filled in")
    func recordsMatchCases() async throws {
        let fixture = SessionFixture()
        try fixture.write("s.jsonl", Self.suite)
        await fixture.run(#"s = load("s.jsonl")"#)
        let (_, sorted) = await fixture.run(#"t = sort(s, "input"); [t/ids, t/*/id, keys(t/0), type(t)]"#)
        let derived = try #require(await fixture.run(#"s/ids/2"#).1.standardOutputLines.first)
        #expect(derived.count == 12, "a content hash: \(derived)")
        #expect(sorted.standardOutputLines == [
            #"[["a", "\#(derived)", "c"], ["a", "\#(derived)", "c"], ["id", "input"], "suite"]"#,
        ])
        let (_, filtered) = await fixture.run(#"f = filter(s, c => c/input != "3"); [f/ids, f/*/id, keys(f/1), len(f)]"#)
        #expect(filtered.standardOutputLines == [
            #"[["a", "\#(derived)"], ["a", "\#(derived)"], ["id", "input"], 2]"#,
        ])
    }
}
