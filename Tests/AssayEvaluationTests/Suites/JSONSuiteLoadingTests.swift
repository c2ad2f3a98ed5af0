import Testing
@testable import AssayEvaluation

@Suite("Loading JSON suites")
struct JSONSuiteLoadingTests {
    @Test("a top-level array of cases loads")
    func topLevelArray() throws {
        let suite = try SuiteLoader.parse(#"[{"id": "a"}, {"id": "b", "x": [1, 2]}]"#, format: .json)
        #expect(suite.cases.map(\.id) == ["a", "b"])
        #expect(suite.cases[1].fields["x"] == [1, 2])
    }

    @Test("a syntax error gives FILE:LINE:COL of the problem")
    func syntaxError() throws {
        let text = "[\n  {\"id\": \"a\"},\n  {\"id\": \"b\",}\n]"
        let error = try #require(throws: SuiteLoadError.self) { try SuiteLoader.parse(text, format: .json, name: "s.json") }
        #expect(error.description == "s.json:3:14: error: trailing comma before '}'")
    }

    @Test("a syntax error fails even with skipBad")
    func syntaxErrorWithSkipBad() {
        #expect(throws: SuiteLoadError.self) {
            try SuiteLoader.parse("[{\"id\": \"a\"}, {", format: .json, skipBad: true)
        }
    }

    @Test("an element that is not an object is an error at its position, or skipped with skipBad")
    func nonObjectElement() throws {
        let text = "[\n  {\"id\": \"a\"},\n  \"oops\"\n]"
        let error = try #require(throws: SuiteLoadError.self) { try SuiteLoader.parse(text, format: .json, name: "s.json") }
        #expect(error.description.hasPrefix("s.json:3:3: error: expected a JSON object for each case, found a string"))
        let suite = try SuiteLoader.parse(text, format: .json, skipBad: true)
        #expect(suite.cases.map(\.id) == ["a"])
        #expect(suite.skipped.first?.line == 3)
    }

    @Test("the wrong top-level shape is a layout error", arguments: [
        ("{\"name\": \"x\"}", "the top-level object has no \"cases\" array"),
        ("{\"cases\": {\"a\": 1}}", "\"cases\" must be an array of case objects, found an object"),
        ("42", "expected an array of cases or an object with a \"cases\" array, found a number"),
        ("", "expected an array of cases or an object with a \"cases\" array, found an empty file"),
    ])
    func wrongShape(text: String, message: String) throws {
        let error = try #require(throws: SuiteLoadError.self) { try SuiteLoader.parse(text, format: .json) }
        #expect(error.code == .invalidLayout)
        #expect(error.message == message)
    }
}
