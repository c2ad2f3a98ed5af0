import AssayLanguage
import Testing

@Suite struct CompletenessTests {
    @Test("input is complete, incomplete or invalid", arguments: [
        ("1 + 2", Completeness.complete),
        ("xs = [1, 2", .incomplete(indent: "    ")),
        ("t = \"\"\"\nopen", .incomplete(indent: "    ")),
        ("a = 1 +", .incomplete(indent: "")),
        ("f(x,", .incomplete(indent: "    ")),
        ("x = (1 + )", .invalid),
        ("1 ]", .invalid),
        (":help", .complete),
        ("", .complete),
    ])
    func classification(text: String, expected: Completeness) {
        #expect(Completeness.of(text) == expected)
    }
}

@Suite struct RenderingTests {
    @Test("a diagnostic renders with location, source line, caret and hint")
    func rendering() {
        let source = SourceFile(name: "demo.assay", text: "a = 1\nr/summary/rogue/f1")
        let diagnostic = Diagnostic(
            id: "path.missing-key", message: "no such key", range: SourceRange(start: 16, end: 21), source: source, hint: "did you mean 'rouge'?"
        )
        #expect(DiagnosticRenderer().lines(for: diagnostic) == [
            "demo.assay:2:11: error: no such key",
            "r/summary/rogue/f1",
            "          ^~~~~",
            "hint: did you mean 'rouge'?",
        ])
    }

    @Test("numbers print in their shortest form", arguments: [
        (3.5, "3.5"), (2.0, "2"), (0.1, "0.1"), (-4.0, "-4"), (1e20, "1e+20"), (0.30000000000000004, "0.30000000000000004"),
    ])
    func numbers(value: Double, expected: String) {
        #expect(Value.float(value).plainText == expected)
    }

    @Test("strings print raw at the top level and quoted inside collections")
    func strings() {
        #expect(Value.string("z").plainText == "z")
        #expect(Value.list([.string("z"), .string("a")]).plainText == "[\"z\", \"a\"]")
        #expect(Value.record(Record([("a", .integer(1)), ("b c", .integer(2))])).plainText == "{a: 1, \"b c\": 2}")
    }
}
