import AssayLanguage
import Testing

/// The names an expression refers to that no lambda inside it binds: what a stored lambda needs
/// from the session that wrote it.
@Suite struct FreeVariableTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let source: String
        let free: [String]
        var testDescription: String { source }
    }

    @Test(arguments: [
        Case(source: "c => c/output", free: []),
        Case(source: "c => len(c/output) < 200", free: ["len"]),
        Case(source: "c => len(c/output) < limit", free: ["len", "limit"]),
        Case(source: "(a, b) => a + b * k", free: ["k"]),
        Case(source: "c => c[key]", free: ["key"]),
        Case(source: "c => c/name?", free: []),
        Case(source: "c => {output: c/output, n: n}", free: ["n"]),
        Case(source: "c => map(c/items, x => x * factor)", free: ["map", "factor"]),
        Case(source: "c => map(c/items, c => c * 2)", free: ["map"]),
        Case(source: "c => round(c/score, digits: places)", free: ["round", "places"]),
        Case(source: "c => [c, other, other]", free: ["other"]),
        Case(source: "x => not x and -y", free: ["y"]),
        Case(source: "upper", free: ["upper"]),
    ])
    func freeVariables(_ example: Case) throws {
        let program = try Parser.parse(SourceFile(name: "t", text: example.source))
        guard case .expression(let expression) = program.statements[0].kind else {
            Issue.record("not an expression")
            return
        }
        #expect(expression.freeVariables == example.free)
    }
}
