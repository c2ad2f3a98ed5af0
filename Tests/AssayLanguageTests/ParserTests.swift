@testable import AssayLanguage
import Testing

@Suite struct ParserTests {
    /// Renders an expression back as fully parenthesised text, to check its structure.
    func shape(_ text: String) throws -> String {
        let program = try Parser.parse(SourceFile(name: "t", text: text))
        guard case .expression(let expression) = program.statements[0].kind else { return "assignment" }
        return render(expression)
    }

    func render(_ expression: Expression) -> String {
        switch expression.kind {
        case .null: return "null"
        case .boolean(let value): return String(value)
        case .integer(let value): return String(value)
        case .float(let value): return String(value)
        case .string(let value): return "\"\(value)\""
        case .name(let name): return name
        case .list(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
        case .record(let entries): return "{" + entries.map { "\($0.key): \(render($0.value))" }.joined(separator: ", ") + "}"
        case .unary(let operation, let operand): return "(\(operation.rawValue) \(render(operand)))"
        case .binary(let operation, let left, let right): return "(\(render(left)) \(operation.rawValue) \(render(right)))"
        case .call(let callee, let arguments):
            return render(callee) + "(" + arguments.map { ($0.label.map { "\($0): " } ?? "") + render($0.value) }.joined(separator: ", ") + ")"
        case .path(let base, let steps):
            return "path(" + render(base) + steps.map { step in
                let text: String
                switch step.selector {
                case .name(let name): text = name
                case .index(let index): text = String(index)
                case .key(let key): text = "\"\(key)\""
                case .wildcard: text = "*"
                case .computed(let key): text = "[\(render(key))]"
                }
                return "/" + text + (step.isOptional ? "?" : "")
            }.joined() + ")"
        case .lambda(let parameters, let body):
            return "(" + parameters.map(\.name).joined(separator: ", ") + ") => " + render(body)
        }
    }

    @Test("precedence and paths", arguments: [
        ("1 + 2 * 3", "(1 + (2 * 3))"),
        ("xs/-1 + len(xs) * 2", "(path(xs/-1) + (len(xs) * 2))"),
        ("a / b", "(a / b)"),
        ("a/b", "path(a/b)"),
        ("r/summary/rouge/f1", "path(r/summary/rouge/f1)"),
        ("suite/*/expected", "path(suite/*/expected)"),
        ("x/\"odd key\"/0", "path(x/\"odd key\"/0)"),
        ("r/summary/bertscore?/f1", "path(r/summary/bertscore?/f1)"),
        ("x[k]/a", "path(x/[k]/a)"),
        ("not a and b or c", "(((not a) and b) or c)"),
        ("\"hard\" in c/tags", "(\"hard\" in path(c/tags))"),
        ("a not in b", "(a not in b)"),
        ("x => x * 2", "(x) => (x * 2)"),
        ("(a, b) => a + b", "(a, b) => (a + b)"),
        ("sort(xs, \"a\", desc: true)", "sort(xs, \"a\", desc: true)"),
        ("f(x)(y)", "f(x)(y)"),
        ("-x/1", "(- path(x/1))"),
        ("(a + b)/2", "path((a + b)/2)"),
        ("{a: 1, \"b c\": [2]}", "{a: 1, b c: [2]}"),
    ])
    func structure(source: String, expected: String) throws {
        #expect(try shape(source) == expected)
    }

    @Test("statements split on new lines and semicolons; assignments are recognised")
    func statements() throws {
        let program = try Parser.parse(SourceFile(name: "t", text: "a = 1; b = a\n\na + b"))
        #expect(program.statements.count == 3)
        guard case .assignment(let name, _, _) = program.statements[1].kind else {
            Issue.record("expected an assignment")
            return
        }
        #expect(name == "b")
    }

    @Test("errors carry the range of the offending token", arguments: [
        ("x = (1 + )", 9, "expected a value, found ')'"),
        ("f(a: 1, 2)", 8, "a positional argument follows a keyword argument"),
        ("1 < 2 < 3", 6, "comparisons cannot be chained"),
        ("{a: 1, a: 2}", 7, "key 'a' appears twice in this record"),
        ("a/b = 3", 0, "only a name can be assigned to"),
    ])
    func errors(source: String, offset: Int, message: String) {
        do {
            _ = try Parser.parse(SourceFile(name: "t", text: source))
            Issue.record("expected an error for \(source)")
        } catch {
            #expect(error.range.start == offset)
            #expect(error.message == message)
        }
    }

    @Test("deep but legal nesting parses")
    func nesting() throws {
        let depth = 150
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(try Parser.parse(SourceFile(name: "t", text: text)).statements.count == 1)
    }
}
