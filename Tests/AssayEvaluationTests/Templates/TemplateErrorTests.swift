import AssayCore
import Testing
@testable import AssayEvaluation

@Suite("Template errors")
struct TemplateErrorTests {
    static let fields: JSONObject = ["id": "c7", "input": "q", "meta": ["a": 1, "b": 2], "examples": [["q": "x"]], "n": 3, "s": "0.5"]

    private func renderError(_ text: String, _ fields: JSONObject = fields, caseID: String? = "c7") throws -> TemplateError {
        let template = try PromptTemplate(text: text)
        return try #require(throws: TemplateError.self) { try template.renderText(fields, caseID: caseID) }
    }

    private func syntaxError(_ text: String) throws -> TemplateError {
        try #require(throws: TemplateError.self) { try PromptTemplate(text: text) }
    }

    @Test("a missing variable names the variable, the case and the position")
    func missingVariable() throws {
        let error = try renderError("Q: {{ inpt }}")
        #expect(error.code == .undefinedVariable)
        #expect(error.variable == "inpt")
        #expect(error.caseID == "c7")
        #expect(error.line == 1)
        #expect(error.column == 7)
        #expect(error.description == """
            template:1:7: error: undefined variable 'inpt' in case "c7": the case has no field 'inpt' (fields: id, input, meta, examples, n, s)
                Q: {{ inpt }}
                      ^~~~
            hint: did you mean 'input'?
            """)
    }

    @Test("without a case id the message still names the variable")
    func missingWithoutCaseID() throws {
        let error = try renderError("{{ zzz }}", caseID: nil)
        #expect(error.caseID == nil)
        #expect(error.message.hasPrefix("undefined variable 'zzz': the case has no field 'zzz'"))
        #expect(error.hint == #"for an optional field write {{ zzz | default("") }}, or test it with {% if zzz %}"#)
    }

    @Test("missing nested keys and indices are errors too", arguments: [
        ("{{ meta.nope }}", "meta.nope", "'meta' has no key 'nope' (keys: a, b)"),
        ("{{ meta.a.deeper }}", "meta.a.deeper", "'meta.a' is a number, not an object"),
        ("{{ examples.3.q }}", "examples.3", "'examples' has 1 element; index 3 is out of range"),
        ("{{ examples.name }}", "examples.name", "'examples' is a list; use an index such as examples.0 or a filter such as | length"),
        ("{% for e in examples %}{{ e.a }}{% endfor %}", "e.a", "'e' has no key 'a' (keys: q)"),
        ("{% for e in missing %}{% endfor %}", "missing", "the case has no field 'missing' (fields: id, input, meta, examples, n, s)"),
        ("{{ missing | upper }}", "missing", "the case has no field 'missing' (fields: id, input, meta, examples, n, s)"),
    ])
    func nestedMisses(template: String, variable: String, reason: String) throws {
        let error = try renderError(template)
        #expect(error.code == .undefinedVariable)
        #expect(error.variable == variable)
        #expect(error.message == "undefined variable '\(variable)' in case \"c7\": \(reason)")
    }

    @Test("the position counts lines and columns of the template")
    func positionOnLaterLine() throws {
        let error = try renderError("Line one\n  é {{ meta.nope }}")
        #expect(error.line == 2)
        #expect(error.column == 8)
        #expect(error.sourceLine == "  é {{ meta.nope }}")
    }

    @Test("syntax errors are found when the template is created, with line and column", arguments: [
        ("Hello {{ name", 1, 7, "unclosed '{{': expected '}}' to close it"),
        ("a\n{% if x }}", 2, 1, "unclosed '{%': expected '%}' to close it"),
        ("{# note", 1, 1, "unclosed '{#': expected '#}' to close it"),
        ("x\n  {% endfro %}", 2, 3, "unknown tag 'endfro'; did you mean 'endfor'?"),
        ("{{ x | uppercase }}", 1, 8, "unknown filter 'uppercase'; did you mean 'upper'?"),
        ("{{ x | joni(\", \") }}", 1, 8, "unknown filter 'joni'; did you mean 'join'?"),
        ("{{ x | join(1, 2) }}", 1, 8, "filter 'join' takes 0 to 1 arguments, found 2"),
        ("{% if x %}open", 1, 1, "'if' is never closed"),
        ("{% for x in xs %}{% endif %}", 1, 18, "'endif' does not match the open 'for' from line 1"),
        ("{% else %}", 1, 1, "'else' outside an 'if' or 'for' block"),
        ("{% break %}", 1, 1, "'break' outside a 'for' loop"),
        ("{{ }}", 1, 4, "expected a value, found the end of the tag"),
        ("{{ a b }}", 1, 6, "unexpected 'b' after the end of the expression"),
        ("{{ \"open }}", 1, 4, "unterminated string literal"),
        ("{{ a = 1 }}", 1, 6, "unexpected character '=' in an expression"),
        ("{% raw %}never closed", 1, 1, "'raw' is never closed"),
        ("{% for a, b, c in xs %}{% endfor %}", 1, 12, "a loop takes at most two variables"),
    ])
    func syntaxErrors(text: String, line: Int, column: Int, message: String) throws {
        let error = try syntaxError(text)
        #expect(error.code == .syntax)
        #expect(error.message == message)
        #expect(error.line == line)
        #expect(error.column == column)
    }

    @Test("unsupported Jinja tags say so")
    func unsupportedTag() throws {
        let error = try syntaxError("{% set x = 1 %}")
        #expect(error.message == "unknown tag 'set'")
        #expect(error.hint == "'set' is not supported: templates cannot assign variables; put the value in the suite")
    }

    @Test("a syntax error renders with its line and a caret")
    func caret() throws {
        let error = try syntaxError("Intro\nHello {{ name")
        #expect(error.description == """
            template:2:7: error: unclosed '{{': expected '}}' to close it
                Hello {{ name
                      ^~
            """)
    }

    @Test("a chat template's errors name the part")
    func partNames() throws {
        let error = try #require(throws: TemplateError.self) { try PromptTemplate(system: "ok", user: "{{ x") }
        #expect(error.templateName == "user")
        let systemError = try #require(throws: TemplateError.self) { try PromptTemplate(system: "{% if %}", user: "ok") }
        #expect(systemError.templateName == "system")
        #expect(systemError.description.hasPrefix("system:1:7: error: expected a value, found the end of the tag"))
    }

    @Test("values of the wrong kind are errors naming the case", arguments: [
        ("{% for x in n %}{% endfor %}", "cannot loop over a number in case \"c7\""),
        ("{% if s > 0.1 %}{% endif %}", "cannot compare a string with a number using '>' in case \"c7\""),
        ("{{ n | join(\",\") }}", "filter 'join' needs a list, found a number in case \"c7\""),
    ])
    func invalidValues(template: String, message: String) throws {
        let error = try renderError(template)
        #expect(error.code == .invalidValue)
        #expect(error.message == message)
    }

    @Test("comparing a numeric string hints at CSV strings")
    func csvHint() throws {
        let error = try renderError("{% if s > 0.1 %}{% endif %}")
        #expect(error.hint?.contains("CSV cells are always strings") == true)
    }

    @Test("a missing template file is an error")
    func missingFile() throws {
        let error = try #require(throws: TemplateError.self) { try PromptTemplate(contentsOfFile: "no/such/prompt.txt") }
        #expect(error.code == .unreadableFile)
        #expect(error.description.hasPrefix("no/such/prompt.txt: error: no such template file"))
    }
}
