/// One lexical token with its source range.
public struct Token: Sendable, Hashable {
    /// What kind of token it is, with its literal value where it has one.
    public var kind: TokenKind
    /// Where it is.
    public var range: SourceRange
    /// Whether white space (or a comment) comes directly before it; `a/b` and `a / b` differ.
    public var isPrecededBySpace: Bool
}

/// The kinds of token.
public enum TokenKind: Sendable, Hashable {
    case integer(Int)
    case float(Double)
    case string(String)
    case identifier(String)
    case keyword(Keyword)
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, semicolon, newline
    case assign, arrow
    case plus, minus, star, slash, percent
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case question
    case endOfInput

    /// How the token is named in "expected …, found …" messages.
    public var displayName: String {
        switch self {
        case .integer(let value): return "number \(value)"
        case .float(let value): return "number \(value)"
        case .string: return "a string"
        case .identifier(let name): return "'\(name)'"
        case .keyword(let keyword): return "'\(keyword.rawValue)'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .comma: return "','"
        case .colon: return "':'"
        case .semicolon: return "';'"
        case .newline: return "end of line"
        case .assign: return "'='"
        case .arrow: return "'=>'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .percent: return "'%'"
        case .equal: return "'=='"
        case .notEqual: return "'!='"
        case .less: return "'<'"
        case .lessEqual: return "'<='"
        case .greater: return "'>'"
        case .greaterEqual: return "'>='"
        case .question: return "'?'"
        case .endOfInput: return "end of input"
        }
    }

    /// Whether a line ending with this token continues on the next line.
    var continuesLine: Bool {
        switch self {
        case .plus, .minus, .star, .slash, .percent, .equal, .notEqual, .less, .lessEqual,
             .greater, .greaterEqual, .assign, .arrow, .comma, .colon:
            return true
        case .keyword(let keyword):
            return keyword == .and || keyword == .or || keyword == .not || keyword == .in
        default:
            return false
        }
    }
}

/// Reserved words.
public enum Keyword: String, Sendable, Hashable, CaseIterable {
    case `true`, `false`, null, and, or, not, `in`
}
