import Testing

/// Builtins call their lambda once per element through one scope per call; what a lambda sees
/// and how its errors are reported must not depend on that.
@Suite("Lambdas called by builtins")
struct LambdaCallTests {
    static let suite = """
        {"id": "a", "input": "one", "n": 1, "tags": ["urgent"]}
        {"id": "b", "input": "two", "n": 2, "tags": []}
        {"id": "c", "input": "three", "n": 3, "tags": ["urgent", "x"]}

        """

    @Test("lambdas see their parameters, the variables they close over and globals")
    func closures() async throws {
        let fixture = SessionFixture()
        try fixture.write("s.jsonl", Self.suite)
        await fixture.run(#"s = load("s.jsonl")"#)
        await fixture.run("limit = 2")
        let cases: [(String, String)] = [
            (#"filter(s, c => c/n >= limit)/*/id"#, #"["b", "c"]"#),
            (#"map(s, c => map(c/tags, t => t + "-" + c/id))"#, #"[["urgent-a"], [], ["urgent-c", "x-c"]]"#),
            (#"(k => filter(s, c => c/n > k)/*/id)(1)"#, #"["b", "c"]"#),
            (#"map(map([1, 2], x => (y => x * 10 + y)), f => f(limit))"#, "[12, 22]"),
            (#"keys(group(s, c => c/n > limit))"#, #"["false", "true"]"#),
            (#"sort(s, c => -c/n)/*/id"#, #"["c", "b", "a"]"#),
            (#"map([1, 2, 3], (x => x + limit))"#, "[3, 4, 5]"),
            (#"((a, b, c) => [c, b, a, limit])(1, 2, 3)"#, "[3, 2, 1, 2]"),
            (#"((a, b) => map([10], x => x + a - b))(5, 3)"#, "[12]"),
            (#"(() => limit * 3)()"#, "6"),
        ]
        for (expression, expected) in cases {
            let (outcome, recorder) = await fixture.run(expression)
            #expect(outcome == .success, "\(expression): \(recorder.errorLines)")
            #expect(recorder.standardOutputLines == [expected], "\(expression)")
        }
    }

    @Test("an error inside a lambda called by a builtin is reported at its line and column")
    func errorsInsideLambdas() async throws {
        let fixture = SessionFixture()
        try fixture.write("s.jsonl", Self.suite)
        await fixture.run(#"s = load("s.jsonl")"#)
        let (outcome, recorder) = await fixture.run("x = 1\nfilter(s, c => c/nope > 1)")
        #expect(outcome != .success)
        #expect(recorder.errorLines.first?.hasPrefix("<cell>:2:18: error: 'nope' is not a key") == true, "\(recorder.errorLines)")
        let (_, mapped) = await fixture.run("map([1, 2], x => x + undefined_name)")
        #expect(mapped.errorLines.first?.hasPrefix("<cell>:1:22: error: 'undefined_name' is not defined") == true, "\(mapped.errorLines)")
        let (_, arity) = await fixture.run("map([1, 2], (x, y) => x)")
        #expect(arity.errorLines.first?.contains("the lambda takes 2 arguments but is called with 1") == true, "\(arity.errorLines)")
    }
}

extension LambdaCallTests {
    @Test("filter, sort and take over a suite give a suite of the cases they keep, in their order")
    func selectionsStaySuites() async throws {
        let fixture = SessionFixture()
        try fixture.write("s.jsonl", Self.suite)
        await fixture.run(#"s = load("s.jsonl")"#)
        let cases: [(String, String)] = [
            (#"type(filter(s, c => c/n != 2))"#, "suite"),
            (#"filter(s, c => c/n != 2)/ids"#, #"["a", "c"]"#),
            (#"sort(s, "input", desc: true)/ids"#, #"["b", "c", "a"]"#),
            (#"take(s, 2)/ids"#, #"["a", "b"]"#),
            (#"take(s, -2)/ids"#, #"["b", "c"]"#),
            (#"take(sort(s, c => c/input), -1)/0/input"#, "two"),
            (#"len(filter(s, c => false))"#, "0"),
            (#"[len(s), s/-1/id, s/1/n]"#, #"[3, "c", 2]"#),
        ]
        for (expression, expected) in cases {
            let (outcome, recorder) = await fixture.run(expression)
            #expect(outcome == .success, "\(expression): \(recorder.errorLines)")
            #expect(recorder.standardOutputLines == [expected], "\(expression)")
        }
        let (outcome, recorder) = await fixture.run("s/3")
        #expect(outcome != .success)
        #expect(recorder.errorLines.first?.contains("index 3 is out of range for the suite") == true, "\(recorder.errorLines)")
    }
}
