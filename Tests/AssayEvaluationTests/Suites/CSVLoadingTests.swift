import Testing
@testable import AssayEvaluation

@Suite("Loading CSV suites")
struct CSVLoadingTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let id: String
        let csv: String
        let rows: [[String: String]]
        var testDescription: String { id }
    }

    @Test("RFC 4180 quoting", arguments: [
        Example(id: "comma inside quotes", csv: "id,input\na,\"x, y\"\n", rows: [["id": "a", "input": "x, y"]]),
        Example(id: "doubled quotes", csv: "id,input\na,\"say \"\"hi\"\"\"\n", rows: [["id": "a", "input": "say \"hi\""]]),
        Example(id: "line break inside quotes", csv: "id,input\na,\"one\ntwo\"\nb,three\n",
                rows: [["id": "a", "input": "one\ntwo"], ["id": "b", "input": "three"]]),
        Example(id: "CRLF line endings", csv: "id,input\r\na,one\r\nb,two\r\n",
                rows: [["id": "a", "input": "one"], ["id": "b", "input": "two"]]),
        Example(id: "byte order mark", csv: "\u{FEFF}id,input\na,one", rows: [["id": "a", "input": "one"]]),
        Example(id: "empty cells and quoted empty cells", csv: "id,input,expected\na,,\"\"\n",
                rows: [["id": "a", "input": "", "expected": ""]]),
        Example(id: "a quote inside an unquoted field is kept", csv: "id,input\na,5\" tall\n",
                rows: [["id": "a", "input": "5\" tall"]]),
        Example(id: "spaces around header names are trimmed, cells are kept", csv: " id , input \na, x \n",
                rows: [["id": "a", "input": " x "]]),
        Example(id: "blank lines are ignored", csv: "id,input\n\na,one\n   \n", rows: [["id": "a", "input": "one"]]),
        Example(id: "no trailing line break", csv: "id,input\na,one", rows: [["id": "a", "input": "one"]]),
        Example(id: "unicode", csv: "id,input\né,\"日本, 😀\"\n", rows: [["id": "é", "input": "日本, 😀"]]),
    ])
    func quoting(example: Example) throws {
        let suite = try SuiteLoader.parse(example.csv, format: .csv)
        let rows = suite.cases.map { testCase in
            Dictionary(uniqueKeysWithValues: testCase.fields.map { ($0.key, $0.value.stringValue ?? "?") })
        }
        #expect(rows == example.rows)
    }

    @Test("a tags cell is split on semicolons into trimmed strings")
    func tags() throws {
        let suite = try SuiteLoader.parse("id,tags\na,easy; menu ;;x\nb,\n", format: .csv)
        #expect(suite.cases[0].fields["tags"] == ["easy", "menu", "x"])
        #expect(suite.cases[0].tags == ["easy", "menu", "x"])
        #expect(suite.cases[1].fields["tags"] == [])
    }

    @Test("errors name the line and column", arguments: [
        ("id,input\na,\"never closed\nb,two\n", "s.csv:2:3: error: unterminated quoted field (the quote opened here is never closed)"),
        ("id,input\na,\"x\"y\n", "s.csv:2:6: error: unexpected 'y' after the closing quote of a field"),
        ("id,input\na,\"multi\nline\",extra\n", "s.csv:3:7: error: this row has 3 fields but the header has 2 (id, input)"),
        ("id,input\na,b,c\n", "s.csv:2:5: error: this row has 3 fields but the header has 2 (id, input)"),
        ("id,input,expected\na,b\n", "s.csv:2: error: this row has 2 fields but the header has 3 (id, input, expected)"),
        ("id,input\n\"a\",b\n\"q\nq\",c\nd,e,f\n", "s.csv:5:5: error: this row has 3 fields but the header has 2 (id, input)"),
        ("", "s.csv: error: the file is empty"),
        ("id,,x\n", "s.csv:1: error: column 2 of the header row has no name"),
        ("id,a,a\n", "s.csv:1: error: the header row names the column \"a\" twice"),
    ])
    func errors(csv: String, firstLine: String) throws {
        let error = try #require(throws: SuiteLoadError.self) { try SuiteLoader.parse(csv, format: .csv, name: "s.csv") }
        #expect(error.description.split(separator: "\n").first.map(String.init) == firstLine)
    }

    @Test("skipBad keeps good rows around bad ones")
    func skipBad() throws {
        let csv = "id,input\na,one\nb,two,extra\nc,\"unterminated\nd,four\n"
        let suite = try SuiteLoader.parse(csv, format: .csv, skipBad: true)
        #expect(suite.cases.map(\.id) == ["a", "d"])
        #expect(suite.skipped.map(\.line) == [3, 4])
        #expect(suite.skipped.map(\.column) == [7, 3])
    }

    @Test("rows without an id get the same derived id as the same record in JSONL")
    func derivedIDMatchesJSONL() throws {
        let csv = try SuiteLoader.parse("input,expected\nq,a\n", format: .csv)
        let jsonl = try SuiteLoader.parse(#"{"input": "q", "expected": "a"}"#, format: .jsonl)
        #expect(csv.cases == jsonl.cases)
    }
}
