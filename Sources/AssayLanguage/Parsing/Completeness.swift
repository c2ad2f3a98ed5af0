/// Whether a piece of input is ready to run, needs more lines, or cannot be fixed by typing more.
public enum Completeness: Sendable, Hashable {
    case complete
    /// More input is needed; `indent` is a suggested indentation for the next line.
    case incomplete(indent: String)
    case invalid

    /// Classifies input: incomplete while a bracket or a triple-quoted string is open or the last
    /// line ends with a binary operator; invalid when it has an error more typing cannot fix.
    public static func of(_ text: String) -> Completeness {
        if text.trimmingSpaces().hasPrefix(":") { return .complete }
        let source = SourceFile(name: "<input>", text: text)
        var lexer = Lexer(source: source)
        let tokens: [Token]
        do {
            tokens = try lexer.tokenize()
        } catch {
            return error.id.hasPrefix("syntax.incomplete") ? .incomplete(indent: indentation(of: text, extra: true)) : .invalid
        }
        let meaningful = tokens.filter { $0.kind != .newline && $0.kind != .endOfInput }
        if let last = meaningful.last, last.kind.continuesLine {
            return .incomplete(indent: indentation(of: text, extra: false))
        }
        do {
            _ = try Parser.parse(source)
            return .complete
        } catch {
            return error.id.hasPrefix("syntax.incomplete") ? .incomplete(indent: indentation(of: text, extra: false)) : .invalid
        }
    }

    private static func indentation(of text: String, extra: Bool) -> String {
        let lastLine = text.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        let current = String(lastLine.prefix { $0 == " " || $0 == "\t" })
        return extra ? current + "    " : current
    }
}
