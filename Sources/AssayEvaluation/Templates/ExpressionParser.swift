/// Parses template expressions with Jinja's grammar and precedence.
///
/// From loosest to tightest: `x if c else y`; `or`; `and`; `not`; comparisons (`==`, `!=`,
/// `<`, `<=`, `>`, `>=`, `in`, `not in`, `is [not] test`); filters (`x | f`, `x | f(a, b)`, or
/// Stencil's `x | f:a,b`); paths (`a.b`, `a.0`, `a[expr]`, `a.items()`); literals and `( )`.
struct ExpressionParser {
    /// How deep an expression may nest (brackets, `not`, conditionals); deeper is a located error.
    static let maximumNesting = 100

    private let tokens: [ExpressionToken]
    private var position = 0
    private var depth = 0
    private let bytes: [UInt8]

    init(bytes: [UInt8], range: Range<Int>) throws(TemplateFailure) {
        self.bytes = bytes
        tokens = try ExpressionTokenizer(bytes: bytes, range: range).tokenize()
    }

    static let keywords: Set<String> = ["and", "or", "not", "in", "is", "if", "else"]

    var current: ExpressionToken { tokens[position] }

    var isAtEnd: Bool { current.kind == .end }

    @discardableResult
    mutating func advance() -> ExpressionToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    /// Parses an expression that must use every token of the tag.
    mutating func parseComplete() throws(TemplateFailure) -> TemplateExpression {
        let expression = try parseExpression()
        try expectEnd()
        return expression
    }

    mutating func expectEnd() throws(TemplateFailure) {
        guard isAtEnd else {
            throw .syntax("unexpected \(describe(current)) after the end of the expression", at: current.range)
        }
    }

    /// Consumes a plain name (not a keyword) and returns it with its range.
    mutating func expectName(_ role: String) throws(TemplateFailure) -> (String, Range<Int>) {
        guard case .name(let name) = current.kind, !Self.keywords.contains(name) else {
            throw .syntax("expected \(role), found \(describe(current))", at: current.range)
        }
        advance()
        return (name, tokens[position - 1].range)
    }

    mutating func expectKeyword(_ keyword: String) throws(TemplateFailure) {
        guard current.isName(keyword) else {
            throw .syntax("expected '\(keyword)', found \(describe(current))", at: current.range)
        }
        advance()
    }

    /// Enters one level of nesting; the caller leaves it with `defer { depth -= 1 }`.
    private mutating func enterNesting() throws(TemplateFailure) {
        depth += 1
        guard depth <= Self.maximumNesting else {
            throw .syntax("nesting deeper than \(Self.maximumNesting)", at: current.range,
                          hint: "split the expression, or compute the value in the suite")
        }
    }

    mutating func parseExpression(allowsConditional: Bool = true) throws(TemplateFailure) -> TemplateExpression {
        try enterNesting()
        defer { depth -= 1 }
        let value = try parseOr()
        guard allowsConditional, current.isName("if") else { return value }
        advance()
        let condition = try parseOr()
        var otherwise: TemplateExpression?
        if current.isName("else") {
            advance()
            otherwise = try parseExpression()
        }
        return .conditional(value: value, condition: condition, otherwise: otherwise)
    }

    private mutating func parseOr() throws(TemplateFailure) -> TemplateExpression {
        var lhs = try parseAnd()
        while current.isName("or") {
            advance()
            lhs = .or(lhs, try parseAnd())
        }
        return lhs
    }

    private mutating func parseAnd() throws(TemplateFailure) -> TemplateExpression {
        var lhs = try parseNot()
        while current.isName("and") {
            advance()
            lhs = .and(lhs, try parseNot())
        }
        return lhs
    }

    private mutating func parseNot() throws(TemplateFailure) -> TemplateExpression {
        if current.isName("not") {
            try enterNesting()
            defer { depth -= 1 }
            advance()
            return .not(try parseNot())
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(TemplateFailure) -> TemplateExpression {
        let lhs = try parseFiltered()
        let start = current.range
        if case .symbol(let symbol) = current.kind, let op = ComparisonOperator(rawValue: symbol) {
            advance()
            return .comparison(op, lhs, try parseFiltered(), range: start)
        }
        if current.isName("in") {
            advance()
            return .comparison(.contains, lhs, try parseFiltered(), range: start)
        }
        if current.isName("not"), tokens[position + 1].isName("in") {
            advance()
            let end = advance().range
            return .comparison(.notContains, lhs, try parseFiltered(), range: start.lowerBound..<end.upperBound)
        }
        if current.isName("is") {
            advance()
            var isNegated = false
            if current.isName("not") {
                advance()
                isNegated = true
            }
            let nameToken = current
            guard case .name(let name) = nameToken.kind, TemplateFilters.tests.contains(name) else {
                throw .syntax("expected a test after 'is', found \(describe(nameToken))", at: nameToken.range,
                              hint: "tests are " + TemplateFilters.tests.sorted().joined(separator: ", "))
            }
            advance()
            return .test(lhs, name: name, isNegated: isNegated, range: start.lowerBound..<nameToken.range.upperBound)
        }
        return lhs
    }

    private mutating func parseFiltered() throws(TemplateFailure) -> TemplateExpression {
        var value = try parsePostfix()
        while current.isSymbol("|") {
            advance()
            let nameToken = current
            guard case .name(let name) = nameToken.kind else {
                throw .syntax("expected a filter name after '|', found \(describe(nameToken))", at: nameToken.range)
            }
            advance()
            var arguments: [TemplateExpression] = []
            if current.isSymbol("(") {
                advance()
                if !current.isSymbol(")") {
                    repeat {
                        arguments.append(try parseExpression())
                    } while try consumeComma()
                }
                try expectSymbol(")", "to close the arguments of '\(name)'")
            } else if current.isSymbol(":") {
                advance()
                repeat {
                    arguments.append(try parsePostfix())
                } while try consumeComma()
            }
            try TemplateFilters.validate(name: name, argumentCount: arguments.count, at: nameToken.range)
            value = .filter(value, name: name, arguments: arguments, range: nameToken.range)
        }
        return value
    }

    private mutating func consumeComma() throws(TemplateFailure) -> Bool {
        guard current.isSymbol(",") else { return false }
        advance()
        return true
    }

    private mutating func expectSymbol(_ symbol: String, _ purpose: String) throws(TemplateFailure) {
        guard current.isSymbol(symbol) else {
            throw .syntax("expected '\(symbol)' \(purpose), found \(describe(current))", at: current.range)
        }
        advance()
    }

    private mutating func parsePostfix() throws(TemplateFailure) -> TemplateExpression {
        var value = try parsePrimary()
        let start = value.range.lowerBound
        while true {
            if current.isSymbol(".") {
                advance()
                let step = current
                switch step.kind {
                case .name(let name):
                    advance()
                    if current.isSymbol("(") {
                        guard ["items", "keys", "values"].contains(name) else {
                            throw .syntax("'\(name)()' is not supported; only items(), keys() and values() can be called",
                                          at: step.range)
                        }
                        advance()
                        try expectSymbol(")", "after '\(name)('")
                        value = .member(value, .method(name), range: start..<tokens[position - 1].range.upperBound)
                    } else {
                        value = .member(value, .key(name), range: start..<step.range.upperBound)
                    }
                case .integer(let index):
                    advance()
                    value = .member(value, .index(index), range: start..<step.range.upperBound)
                default:
                    throw .syntax("expected a name or an index after '.', found \(describe(step))", at: step.range)
                }
            } else if current.isSymbol("[") {
                advance()
                let key = try parseExpression()
                let close = current.range
                try expectSymbol("]", "to close the subscript")
                let step: MemberStep = switch key {
                case .literal(.string(let name), _): .key(name)
                case .literal(.int(let index), _): .index(index)
                default: .computed(key)
                }
                value = .member(value, step, range: start..<close.upperBound)
            } else {
                return value
            }
        }
    }

    private mutating func parsePrimary() throws(TemplateFailure) -> TemplateExpression {
        let token = advance()
        switch token.kind {
        case .string(let text): return .literal(.string(text), range: token.range)
        case .integer(let number): return .literal(.int(number), range: token.range)
        case .number(let number): return .literal(.double(number), range: token.range)
        case .name(let name):
            switch name {
            case "true", "True": return .literal(.bool(true), range: token.range)
            case "false", "False": return .literal(.bool(false), range: token.range)
            case "none", "None": return .literal(.null, range: token.range)
            default:
                guard !Self.keywords.contains(name) else {
                    throw .syntax("expected a value, found '\(name)'", at: token.range)
                }
                return .variable(name, range: token.range)
            }
        case .symbol("-"):
            let number = advance()
            switch number.kind {
            case .integer(let value): return .literal(.int(-value), range: token.range.lowerBound..<number.range.upperBound)
            case .number(let value): return .literal(.double(-value), range: token.range.lowerBound..<number.range.upperBound)
            default:
                throw .syntax("'-' can only start a negative number; arithmetic is not supported", at: token.range)
            }
        case .symbol("("):
            let inner = try parseExpression()
            try expectSymbol(")", "to close '('")
            return inner
        case .symbol("["):
            var elements: [TemplateExpression] = []
            if !current.isSymbol("]") {
                repeat {
                    elements.append(try parseExpression())
                } while try consumeComma()
            }
            let close = current.range
            try expectSymbol("]", "to close the list")
            return .list(elements, range: token.range.lowerBound..<close.upperBound)
        case .end:
            throw .syntax("expected a value, found the end of the tag", at: token.range)
        default:
            throw .syntax("expected a value, found \(describe(token))", at: token.range)
        }
    }

    func describe(_ token: ExpressionToken) -> String {
        switch token.kind {
        case .name(let name): "'\(name)'"
        case .string: "a string"
        case .integer, .number: "a number"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the tag"
        }
    }
}
