/// Parses tokens into a program.
///
/// Precedence, loosest first: lambda `=>`, `or`, `and`, `not`, comparisons and `in`, `+ -`,
/// `* / %`, unary `-`, then calls, `[…]` and path steps, which bind tightest. A `/` written
/// directly after a value (no space before it) and followed by a name, integer, string or `*`
/// is a path step; it divides at run time when the value on its left is a number.
///
/// Expressions nest at most ``maximumNesting`` deep (brackets, calls, lambdas, unary operators);
/// deeper input is a located error, never a stack overflow.
public struct Parser {
    /// How deep expressions may nest.
    public static let maximumNesting = 256

    var tokens: [Token]
    var index = 0
    let source: SourceFile
    var depth = 0

    /// Parses a whole cell or script.
    public static func parse(_ source: SourceFile) throws(Diagnostic) -> Program {
        var lexer = Lexer(source: source)
        var parser = Parser(tokens: try lexer.tokenize(), source: source)
        return try parser.parseProgram()
    }

    init(tokens: [Token], source: SourceFile) {
        self.tokens = tokens
        self.source = source
    }

    var current: Token { tokens[index] }
    var next: Token { tokens[min(index + 1, tokens.count - 1)] }

    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }

    mutating func skipNewlines() {
        while current.kind == .newline { _ = advance() }
    }

    /// Enters one level of nesting; the caller leaves it with `defer { depth -= 1 }`.
    mutating func enterNesting() throws(Diagnostic) {
        depth += 1
        guard depth <= Self.maximumNesting else {
            throw Diagnostic(
                id: "syntax.too-deep", message: "nesting deeper than \(Self.maximumNesting)",
                range: current.range, source: source,
                hint: "split the expression into named parts"
            )
        }
    }

    mutating func expect(_ kind: TokenKind, _ what: String) throws(Diagnostic) -> Token {
        guard current.kind == kind else { throw error(expected: what) }
        return advance()
    }

    func error(expected what: String, hint: String? = nil) -> Diagnostic {
        if current.kind == .endOfInput {
            return Diagnostic(
                id: "syntax.incomplete.expected", message: "expected \(what), found end of input",
                range: current.range, source: source, hint: hint
            )
        }
        return Diagnostic(
            id: "syntax.unexpected-token", message: "expected \(what), found \(current.kind.displayName)",
            range: current.range, source: source, hint: hint
        )
    }

    mutating func parseProgram() throws(Diagnostic) -> Program {
        var statements: [Statement] = []
        while true {
            while current.kind == .newline || current.kind == .semicolon { _ = advance() }
            if current.kind == .endOfInput { break }
            statements.append(try parseStatement())
            switch current.kind {
            case .newline, .semicolon, .endOfInput:
                continue
            default:
                throw Diagnostic(
                    id: "syntax.unexpected-token",
                    message: "unexpected \(current.kind.displayName) after a complete statement",
                    range: current.range, source: source,
                    hint: "separate statements with a new line or ';'"
                )
            }
        }
        return Program(statements: statements, source: source)
    }

    mutating func parseStatement() throws(Diagnostic) -> Statement {
        if case .identifier(let name) = current.kind, next.kind == .assign {
            let nameToken = advance()
            _ = advance()
            skipNewlines()
            let value = try parseExpression()
            return Statement(
                kind: .assignment(name: name, nameRange: nameToken.range, value: value),
                range: nameToken.range.merged(with: value.range)
            )
        }
        let expression = try parseExpression()
        if current.kind == .assign {
            throw Diagnostic(
                id: "syntax.bad-assignment", message: "only a name can be assigned to",
                range: expression.range, source: source, hint: "write 'name = value'; use '==' to compare"
            )
        }
        return Statement(kind: .expression(expression), range: expression.range)
    }

    /// Parses an expression, including lambdas.
    public mutating func parseExpression() throws(Diagnostic) -> Expression {
        try enterNesting()
        defer { depth -= 1 }
        if let lambda = try parseLambdaIfPresent() { return lambda }
        return try parseOr()
    }

    mutating func parseLambdaIfPresent() throws(Diagnostic) -> Expression? {
        let start = current.range
        if case .identifier(let name) = current.kind, next.kind == .arrow {
            _ = advance()
            _ = advance()
            skipNewlines()
            let body = try parseExpression()
            return Expression(.lambda([Parameter(name: name, range: start)], body), start.merged(with: body.range))
        }
        guard current.kind == .leftParen, isLambdaParameterList() else { return nil }
        _ = advance()
        var parameters: [Parameter] = []
        while current.kind != .rightParen {
            guard case .identifier(let name) = current.kind else { throw error(expected: "a parameter name") }
            if parameters.contains(where: { $0.name == name }) {
                throw Diagnostic(id: "syntax.duplicate-parameter", message: "parameter '\(name)' appears twice", range: current.range, source: source)
            }
            parameters.append(Parameter(name: name, range: advance().range))
            if current.kind == .comma { _ = advance() } else { break }
        }
        _ = try expect(.rightParen, "')'")
        _ = try expect(.arrow, "'=>'")
        skipNewlines()
        let body = try parseExpression()
        return Expression(.lambda(parameters, body), start.merged(with: body.range))
    }

    /// Whether the `(` at the cursor starts `(a, b) =>`.
    func isLambdaParameterList() -> Bool {
        var probe = index + 1
        var expectName = true
        while probe < tokens.count {
            let kind = tokens[probe].kind
            if kind == .rightParen { return probe + 1 < tokens.count && tokens[probe + 1].kind == .arrow }
            if expectName {
                guard case .identifier = kind else { return false }
            } else if kind != .comma {
                return false
            }
            expectName.toggle()
            probe += 1
        }
        return false
    }

    mutating func parseOr() throws(Diagnostic) -> Expression {
        var left = try parseAnd()
        while current.kind == .keyword(.or) {
            _ = advance()
            skipNewlines()
            let right = try parseAnd()
            left = Expression(.binary(.or, left, right), left.range.merged(with: right.range))
        }
        return left
    }

    mutating func parseAnd() throws(Diagnostic) -> Expression {
        var left = try parseNot()
        while current.kind == .keyword(.and) {
            _ = advance()
            skipNewlines()
            let right = try parseNot()
            left = Expression(.binary(.and, left, right), left.range.merged(with: right.range))
        }
        return left
    }

    mutating func parseNot() throws(Diagnostic) -> Expression {
        if current.kind == .keyword(.not) {
            try enterNesting()
            defer { depth -= 1 }
            let start = advance().range
            skipNewlines()
            let operand = try parseNot()
            return Expression(.unary(.not, operand), start.merged(with: operand.range))
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(Diagnostic) -> Expression {
        let left = try parseAdditive()
        let operation: BinaryOperator?
        switch current.kind {
        case .equal: operation = .equal
        case .notEqual: operation = .notEqual
        case .less: operation = .less
        case .lessEqual: operation = .lessEqual
        case .greater: operation = .greater
        case .greaterEqual: operation = .greaterEqual
        case .keyword(.in): operation = .in
        case .keyword(.not) where next.kind == .keyword(.in): operation = .notIn
        default: operation = nil
        }
        guard let operation else { return left }
        if operation == .notIn { _ = advance() }
        _ = advance()
        skipNewlines()
        let right = try parseAdditive()
        let result = Expression(.binary(operation, left, right), left.range.merged(with: right.range))
        switch current.kind {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            throw Diagnostic(
                id: "syntax.chained-comparison", message: "comparisons cannot be chained",
                range: current.range, source: source, hint: "combine them with 'and': a < b and b < c"
            )
        default:
            return result
        }
    }

    mutating func parseAdditive() throws(Diagnostic) -> Expression {
        var left = try parseMultiplicative()
        while current.kind == .plus || current.kind == .minus {
            let operation: BinaryOperator = advance().kind == .plus ? .add : .subtract
            skipNewlines()
            let right = try parseMultiplicative()
            left = Expression(.binary(operation, left, right), left.range.merged(with: right.range))
        }
        return left
    }

    mutating func parseMultiplicative() throws(Diagnostic) -> Expression {
        var left = try parseUnary()
        while true {
            let operation: BinaryOperator
            switch current.kind {
            case .star: operation = .multiply
            case .slash: operation = .divide
            case .percent: operation = .remainder
            default: return left
            }
            _ = advance()
            skipNewlines()
            let right = try parseUnary()
            left = Expression(.binary(operation, left, right), left.range.merged(with: right.range))
        }
    }

    mutating func parseUnary() throws(Diagnostic) -> Expression {
        if current.kind == .minus {
            try enterNesting()
            defer { depth -= 1 }
            let start = advance().range
            let operand = try parseUnary()
            if case .integer(let value) = operand.kind { return Expression(.integer(-value), start.merged(with: operand.range)) }
            if case .float(let value) = operand.kind { return Expression(.float(-value), start.merged(with: operand.range)) }
            return Expression(.unary(.negate, operand), start.merged(with: operand.range))
        }
        return try parsePostfix()
    }
}
