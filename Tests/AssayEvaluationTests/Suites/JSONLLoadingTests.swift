import Testing
@testable import AssayEvaluation

@Suite("Loading JSONL suites")
struct JSONLLoadingTests {
    @Test("a broken third line fails with FILE:3:COL in the message")
    func brokenLine() throws {
        let path = Fixtures.suite("broken-line3.jsonl")
        let error = try #require(throws: SuiteLoadError.self) { try SuiteLoader.load(path: path) }
        #expect(error.code == .malformedRecord)
        #expect(error.line == 3)
        #expect(error.column == 44)
        #expect(error.description == """
            \(path):3:44: error: unterminated object: expected ',' or '}'
            hint: a JSONL record must fit on one line; write line breaks inside strings as \\n
            """)
    }

    @Test("skipBad keeps the other lines and reports the skipped one")
    func skipBad() throws {
        let suite = try SuiteLoader.load(path: Fixtures.suite("broken-line3.jsonl"), skipBad: true)
        #expect(suite.cases.map(\.id) == ["a", "b", "d", "e"])
        #expect(suite.skipped == [
            SkippedRecord(line: 3, column: 44, message: "unterminated object: expected ',' or '}'"),
        ])
    }

    @Test("a line that fails deep inside nested lists and objects leaves the next lines whole")
    func failureInsideNesting() throws {
        let text = """
            {"id": "a", "meta": {"tags": ["x", "y"], "n": 1}}
            {"id": "b", "meta": {"tags": ["x", {"deep": [1, 2,]}], "n": 2}}
            {"id": "c", "meta": {"tags": ["z"], "n": 3}}
            """
        let suite = try SuiteLoader.parse(text, format: .jsonl, name: "nested.jsonl", skipBad: true)
        #expect(suite.cases.map(\.id) == ["a", "c"])
        #expect(suite.skipped.map(\.line) == [2])
        #expect(suite.cases[1].fields == ["id": "c", "meta": ["tags": ["z"], "n": 3]])
        #expect(suite.cases[0].fields == ["id": "a", "meta": ["tags": ["x", "y"], "n": 1]])
    }

    @Test("blank lines are ignored but still counted")
    func blankLines() throws {
        let text = "\n{\"id\": \"a\"}\n   \n\r\n{\"id\": \"b\"}\r\n\n[1]\n"
        let error = try #require(throws: SuiteLoadError.self) {
            try SuiteLoader.parse(text, format: .jsonl, name: "blank.jsonl")
        }
        #expect(error.description.hasPrefix("blank.jsonl:7:1: error: expected a JSON object for each case, found a list"))
        let suite = try SuiteLoader.parse(text, format: .jsonl, name: "blank.jsonl", skipBad: true)
        #expect(suite.cases.map(\.id) == ["a", "b"])
        #expect(suite.skipped.map(\.line) == [7])
    }

    @Test("duplicate ids are an error naming both lines")
    func duplicateIDs() throws {
        let text = #"{"id": "x", "input": 1}"# + "\n" + #"{"id": "y"}"# + "\n" + #"{"id": "x", "input": 2}"#
        let error = try #require(throws: SuiteLoadError.self) {
            try SuiteLoader.parse(text, format: .jsonl, name: "dup.jsonl")
        }
        #expect(error.code == .duplicateID)
        #expect(error.description == """
            dup.jsonl:3:1: error: duplicate id "x": line 1 and line 3 have the same id
            hint: ids must be unique within a suite
            """)
    }

    @Test("identical cases without ids collide, with a hint saying why")
    func identicalCases() throws {
        let text = "{\"input\": \"same\"}\n{\"input\": \"same\"}\n"
        let error = try #require(throws: SuiteLoadError.self) { try SuiteLoader.parse(text, format: .jsonl) }
        #expect(error.message.hasSuffix("line 1 and line 2 have the same id"))
        #expect(error.hint == "the two cases have identical content; remove one or give them distinct ids")
    }

    @Test("integer ids are accepted and keep their type in the fields")
    func integerIDs() throws {
        let suite = try SuiteLoader.parse(#"{"input": "q", "id": 7}"#, format: .jsonl)
        #expect(suite.cases[0].id == "7")
        #expect(suite.cases[0].fields.keys == ["id", "input"])
        #expect(suite.cases[0].fields["id"] == 7)
    }

    @Test("ids of other kinds are errors", arguments: [#"{"id": 1.5}"#, #"{"id": null}"#, #"{"id": ["a"]}"#])
    func badIDs(line: String) {
        #expect {
            try SuiteLoader.parse(line, format: .jsonl)
        } throws: { error in
            (error as? SuiteLoadError)?.code == .invalidCase
        }
    }

    @Test("a suite of many lines loads in reasonable time", .timeLimit(.minutes(1)))
    func largeSuite() throws {
        var text = ""
        for index in 0..<100_000 {
            text += #"{"id": "case-\#(index)", "input": "What is \#(index) + 1?", "expected": \#(index + 1), "tags": ["math", "easy"], "meta": {"difficulty": 0.5}}"#
            text += "\n"
        }
        let suite = try SuiteLoader.parse(text, format: .jsonl)
        #expect(suite.count == 100_000)
        #expect(suite.cases[99_999].expected == 100_000)
    }
}
