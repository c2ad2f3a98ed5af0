import AssayEvaluation
import Testing

/// YAML suites and GoTaglio's conventions: `uuid` as the id, `keywords` as tags, `user` as the input.
@Suite("YAML suites and GoTaglio's case conventions")
struct YAMLSuiteTests {
    @Test("a list of cases keeps YAML's types and key order; uuid is the id, keywords are tags")
    func cases() throws {
        let suite = try SuiteLoader.parse("""
            - uuid: 7f3a
              keywords: [menu, easy]
              input: two fries
              expected: 2
              quoted: "2"
            - id: b
              uuid: ignored-when-id-is-given
              input: null
            """, format: .yaml, name: "cases.yaml")
        #expect(suite.cases.map(\.id) == ["7f3a", "b"])
        #expect(suite.cases[0].tags == ["menu", "easy"])
        #expect(suite.cases[0].fields["expected"] == .int(2))
        #expect(suite.cases[0].fields["quoted"] == .string("2"))
        #expect(Array(suite.cases[0].fields.keys) == ["id", "uuid", "keywords", "input", "expected", "quoted"])
        #expect(suite.cases[1].input == .null)
    }

    @Test("a mapping with a cases: list is a suite too, and the same cases as the JSON form")
    func wrapped() throws {
        let yaml = try SuiteLoader.parse("cases:\n  - {id: a, input: x}\n", format: .yaml)
        let json = try SuiteLoader.parse(#"{"cases": [{"id": "a", "input": "x"}]}"#, format: .json)
        #expect(yaml.cases == json.cases)
    }

    @Test("a turn's user is its input")
    func userTurns() throws {
        let suite = try SuiteLoader.parse("""
            - id: o1
              turns:
                - {user: a cheeseburger, expected: 1 cheeseburger}
                - {user: make it two, expected: 2 cheeseburger}
            """, format: .yaml)
        #expect(suite.cases[0].turn(1).input == .string("make it two"))
        #expect(suite.cases[0].turn(1).expected == .string("2 cheeseburger"))
    }

    @Test("errors name the file, line and column", arguments: [
        ("- input: a\n  expected: [b\n- input: c\n", "cases.yaml:3:8: error: did not find expected ',' or ']' (while parsing a flow sequence)"),
        ("input: a\n", "cases.yaml:1:1: error: expected a list of cases or a mapping with a cases: list"),
        ("- input: a\n- just text\n", "cases.yaml:2:3: error: expected a JSON object for each case, found a string"),
        // Found by the `suite` fuzz target: libyaml places the end of a text without a final line
        // break on the line after the last, line 2 of a one-line file.
        (#"{"casesid,i""#, "cases.yaml:1:13: error: did not find expected ',' or '}' (while parsing a flow mapping)"),
        ("---", "cases.yaml:1:4: error: expected a list of cases or a mapping with a cases: list"),
        ("- id: a\n  input: x\n  input: y\n", "cases.yaml:2:3: error: a mapping has the key 'input' more than once"),
        ("- input: " + String(repeating: "[", count: 2000), "cases.yaml:1:11: error: lists and mappings nest deeper than libyaml's limit of 1000 levels"),
        ("- input: [a, b", "cases.yaml:1:15: error: did not find expected ',' or ']' (while parsing a flow sequence)"),
    ])
    func errors(text: String, prefix: String) {
        #expect {
            try SuiteLoader.parse(text, format: .yaml, name: "cases.yaml")
        } throws: { error in
            "\(error)".hasPrefix(prefix)
        }
    }

    @Test("a case repeated through an alias is a duplicate found where the alias is written, not at its anchor", arguments: [
        ("- &a {id: x, input: hi}\n- *a\n", #"cases.yaml:2:3: error: duplicate id "x": line 1 and line 2 have the same id"#),
        ("cases:\n  - &first\n    id: x\n    input: hi\n  - id: y\n  - *first\n",
         #"cases.yaml:6:5: error: duplicate id "x": line 2 and line 6 have the same id"#),
        // The same alias inside the case before is not the case itself.
        ("- &a {id: x}\n- {id: y, copy: *a}\n-   *a\n", #"cases.yaml:3:5: error: duplicate id "x": line 1 and line 3 have the same id"#),
        ("[&a {id: x}, {id: y},\n *a]", #"cases.yaml:2:2: error: duplicate id "x": line 1 and line 2 have the same id"#),
    ])
    func aliasedDuplicate(text: String, prefix: String) {
        #expect {
            try SuiteLoader.parse(text, format: .yaml, name: "cases.yaml")
        } throws: { error in
            "\(error)".hasPrefix(prefix)
        }
    }

    @Test("a suite that is only aliases of one case skips the copies at their own lines")
    func aliasedDuplicateSkipped() throws {
        let suite = try SuiteLoader.parse("- &a {id: x, input: hi}\n- *a\n- *a\n", format: .yaml, name: "cases.yaml", skipBad: true)
        #expect(suite.cases.map(\.id) == ["x"])
        #expect(suite.skipped.map(\.line) == [2, 3])
    }

    @Test("naming(input:expected:) reads the input and the expected answer from other fields, in turns too; ids stay")
    func fieldNames() throws {
        let suite = try SuiteLoader.parse("""
            - {user: 2+2, answer: 4}
            - id: t
              turns:
                - {user: 1+1, answer: 2}
            """, format: .yaml)
        let named = suite.naming(input: "user", expected: "answer")
        #expect(named.cases.map(\.id) == suite.cases.map(\.id))
        #expect(named.cases[0].input == .string("2+2") && named.cases[0].expected == .int(4))
        #expect(named.cases[1].turn(0).expected == .int(2))
    }
}
