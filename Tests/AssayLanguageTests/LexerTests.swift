@testable import AssayLanguage
import Testing

@Suite struct LexerTests {
    func kinds(_ text: String) throws -> [TokenKind] {
        var lexer = Lexer(source: SourceFile(name: "t", text: text))
        return try lexer.tokenize().map(\.kind)
    }

    @Test("numbers, strings, names and keywords")
    func literals() throws {
        #expect(try kinds("12 3.5 1e3 \"a\" 'b' name true null") == [
            .integer(12), .float(3.5), .float(1000), .string("a"), .string("b"), .identifier("name"),
            .keyword(.true), .keyword(.null), .endOfInput,
        ])
    }

    @Test("operators, including two-character ones")
    func operators() throws {
        #expect(try kinds("== != <= >= => = < > + - * / % ?") == [
            .equal, .notEqual, .lessEqual, .greaterEqual, .arrow, .assign, .less, .greater,
            .plus, .minus, .star, .slash, .percent, .question, .endOfInput,
        ])
    }

    @Test("new lines separate statements but vanish inside brackets")
    func newlines() throws {
        #expect(try kinds("a\nb") == [.identifier("a"), .newline, .identifier("b"), .endOfInput])
        #expect(try kinds("[a,\nb]") == [.leftBracket, .identifier("a"), .comma, .identifier("b"), .rightBracket, .endOfInput])
    }

    @Test("comments run to the end of the line")
    func comments() throws {
        #expect(try kinds("1 # one\n2") == [.integer(1), .newline, .integer(2), .endOfInput])
    }

    @Test("a token remembers whether space came before it, so a/b and a / b differ")
    func spacing() throws {
        var lexer = Lexer(source: SourceFile(name: "t", text: "a/b a / b"))
        let tokens = try lexer.tokenize()
        #expect(tokens.map(\.isPrecededBySpace) == [true, false, false, true, true, true, false])
    }

    @Test("triple-quoted strings lose their common indentation", arguments: [
        ("\"\"\"\n    one\n      two\n    \"\"\"", "one\n  two"),
        ("\"\"\"single\"\"\"", "single"),
        ("\"\"\"\n  a\n\n  b\n  \"\"\"", "a\n\nb"),
    ])
    func tripleQuoted(source: String, expected: String) throws {
        #expect(try kinds(source) == [.string(expected), .endOfInput])
    }

    @Test("an open bracket or triple string is reported as incomplete input")
    func incomplete() {
        for text in ["[1, 2", "\"\"\"open", "f(a, (b"] {
            var lexer = Lexer(source: SourceFile(name: "t", text: text))
            #expect(throws: Diagnostic.self) { try lexer.tokenize() }
            do { _ = try lexer.tokenize() } catch { #expect(error.id.hasPrefix("syntax.incomplete"), "\(text)") }
        }
    }

    @Test("a mismatched bracket names where the open one is")
    func mismatched() throws {
        var lexer = Lexer(source: SourceFile(name: "t", text: "(1, 2]"))
        do {
            _ = try lexer.tokenize()
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "']' does not match '(' opened at line 1, column 1")
        }
    }
}
