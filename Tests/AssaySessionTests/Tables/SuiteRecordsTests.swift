import Testing

@Suite("A loaded suite's cases read as the same records written out")
struct SuiteRecordsTests {
    static let suite = """
        {"id": "c", "input": "3", "n": 2, "expected": "yes", "tags": ["x", "urgent"]}
        {"input": "1", "id": "a", "n": null, "expected": "no", "tags": []}
        {"input": "2", "n": 1, "expected": "yes", "tags": ["urgent"], "meta": {"k": [1, 2]}}

        """

    /// The same cases as literals (the third's id is its content hash, read from the suite).
    static let literals = #"""
        l = [{id: "c", input: "3", n: 2, expected: "yes", tags: ["x", "urgent"]},
             {id: "a", input: "1", n: null, expected: "no", tags: []},
             {id: s/ids/2, input: "2", n: 1, expected: "yes", tags: ["urgent"], meta: {k: [1, 2]}}]
        """#

    static let expressions = [
        #"filter(X, c => len(c/tags) > 0)/*/tags/0"#,
        #"X/*/meta?"#,
        #"X/*/id"#,
        #"map(X, c => c/expected)"#,
        #"map(X, c => [keys(c), len(c), c/meta?])"#,
        #"filter(X, c => "urgent" in c/tags)/*/id"#,
        #"filter(X, "expected")/*/input"#,
        #"map(group(X, "expected"), g => g/*/id)"#,
        #"keys(group(X, c => c/expected))"#,
        #"sort(X, "input")/*/id"#,
        #"sort(X, "input", desc: true)/*/id"#,
        #"sort(X, "n")/*/id"#,
        #"sort(X, "n", desc: true)/*/id"#,
        #"sort(X, c => c/tags)/*/id"#,
        #"map(X, c => c + {extra: 1})"#,
        #"X/0 == l/0"#,
        #"X/0 == X/1"#,
        #"X/2/meta/k/1"#,
    ]

    @Test("paths, filter, map, group and sort give the same over the suite as over the literals")
    func sameResults() async throws {
        let fixture = SessionFixture()
        try fixture.write("s.jsonl", Self.suite)
        await fixture.run(#"s = load("s.jsonl")"#)
        let (defined, _) = await fixture.run(Self.literals)
        #expect(defined == .success)
        for expression in Self.expressions {
            let (suiteOutcome, overSuite) = await fixture.run(expression.replacingOccurrences(of: "X", with: "s"))
            let (_, overList) = await fixture.run(expression.replacingOccurrences(of: "X", with: "l"))
            #expect(suiteOutcome == .success, "\(expression): \(overSuite.errorLines)")
            #expect(!overSuite.standardOutputLines.isEmpty)
            if expression.hasPrefix("X/0 == ") { continue }
            #expect(overSuite.standardOutputLines == overList.standardOutputLines, "\(expression)")
        }
        #expect(await fixture.run("s/0 == l/0").1.standardOutputLines == ["true"])
        #expect(await fixture.run("s/0 == s/1").1.standardOutputLines == ["false"])
        #expect(await fixture.run("s/0 == s/0").1.standardOutputLines == ["true"])
    }

    @Test("sorting by keys that cannot be ordered against each other fails as before")
    func sortMixedKeys() async throws {
        let fixture = SessionFixture()
        try fixture.write("s.jsonl", Self.suite)
        await fixture.run(#"s = load("s.jsonl")"#)
        let (outcome, recorder) = await fixture.run(#"sort(map(s, c => c/input) + [1])"#)
        #expect(outcome != .success)
        #expect(recorder.errorLines.contains { $0.contains("sort() cannot order") })
        let (_, mixed) = await fixture.run(#"sort([2, 1.5, null, 1])"#)
        #expect(mixed.standardOutputLines == ["[1, 1.5, 2, null]"])
        let (_, strings) = await fixture.run(#"sort(["b", null, "a", "b"], desc: true)"#)
        #expect(strings.standardOutputLines == [#"["b", "b", "a", null]"#])
        let (_, prefixes) = await fixture.run(#"[sort(["ab", "a", "abc", "b", ""]), sort(["ab", "a", "abc", "b"], desc: true)]"#)
        #expect(prefixes.standardOutputLines == [#"[["", "a", "ab", "abc", "b"], ["b", "abc", "ab", "a"]]"#])
        let (_, accented) = await fixture.run(#"sort(["é", "e", "f", "ea"])"#)
        #expect(accented.standardOutputLines == [#"["e", "ea", "f", "é"]"#])
    }
}

extension SuiteRecordsTests {
    @Test("a missing key of a loaded case is the same error, listing the case's keys")
    func missingKey() async throws {
        let fixture = SessionFixture()
        try fixture.write("s.jsonl", Self.suite)
        await fixture.run(#"s = load("s.jsonl")"#)
        let (outcome, recorder) = await fixture.run("s/0/meta")
        #expect(outcome != .success)
        #expect(recorder.errorLines.first == "<cell>:1:5: error: 'meta' is not a key of the record at s/0")
        #expect(recorder.errorLines.last == "hint: keys at s/0: id, input, n, expected, tags")
    }
}
