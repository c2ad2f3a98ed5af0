extension Parser {
    mutating func parsePostfix() throws(Diagnostic) -> Expression {
        var expression = try parsePrimary()
        var steps: [PathStep] = []
        func flush(_ expression: inout Expression, _ steps: inout [PathStep]) {
            guard let last = steps.last else { return }
            expression = Expression(.path(expression, steps), expression.range.merged(with: last.range))
            steps = []
        }
        while true {
            switch current.kind {
            case .leftParen where !current.isPrecededBySpace || steps.isEmpty:
                flush(&expression, &steps)
                expression = try parseCall(callee: expression)
            case .leftBracket where !current.isPrecededBySpace:
                let open = advance()
                let key = try parseExpression()
                let close = try expect(.rightBracket, "']'")
                steps.append(PathStep(selector: .computed(key), isOptional: false, range: open.range.merged(with: close.range)))
                markOptionalIfPresent(&steps)
            case .slash where !current.isPrecededBySpace:
                guard let step = try parsePathStepIfPresent() else { flush(&expression, &steps); return expression }
                steps.append(step)
                markOptionalIfPresent(&steps)
            default:
                flush(&expression, &steps)
                return expression
            }
        }
    }

    mutating func markOptionalIfPresent(_ steps: inout [PathStep]) {
        if current.kind == .question, !current.isPrecededBySpace {
            let mark = advance()
            steps[steps.count - 1].isOptional = true
            steps[steps.count - 1].range = steps[steps.count - 1].range.merged(with: mark.range)
        }
    }

    /// Parses `/step` when the token after `/` can be a step; leaves the `/` in place otherwise.
    mutating func parsePathStepIfPresent() throws(Diagnostic) -> PathStep? {
        let after = next
        guard !after.isPrecededBySpace else { return nil }
        let selector: PathStep.Selector
        var range = after.range
        switch after.kind {
        case .identifier(let name): selector = .name(name)
        case .keyword(let keyword): selector = .name(keyword.rawValue)
        case .integer(let value): selector = .index(value)
        case .string(let key): selector = .key(key)
        case .star: selector = .wildcard
        case .minus:
            let number = tokens[min(index + 2, tokens.count - 1)]
            guard case .integer(let value) = number.kind, !number.isPrecededBySpace else { return nil }
            selector = .index(-value)
            range = after.range.merged(with: number.range)
            _ = advance()
        default:
            return nil
        }
        _ = advance()
        _ = advance()
        return PathStep(selector: selector, isOptional: false, range: range)
    }

    mutating func parseCall(callee: Expression) throws(Diagnostic) -> Expression {
        _ = advance()
        var arguments: [Argument] = []
        var sawKeyword = false
        while current.kind != .rightParen {
            if case .identifier(let label) = current.kind, next.kind == .colon {
                let labelToken = advance()
                _ = advance()
                if arguments.contains(where: { $0.label == label }) {
                    throw Diagnostic(
                        id: "syntax.duplicate-argument", message: "keyword argument '\(label)' is given twice",
                        range: labelToken.range, source: source
                    )
                }
                let value = try parseExpression()
                arguments.append(Argument(label: label, labelRange: labelToken.range, value: value))
                sawKeyword = true
            } else {
                let value = try parseExpression()
                if sawKeyword {
                    throw Diagnostic(
                        id: "syntax.positional-after-keyword", message: "a positional argument follows a keyword argument",
                        range: value.range, source: source, hint: "put positional arguments first"
                    )
                }
                arguments.append(Argument(label: nil, labelRange: value.range, value: value))
            }
            if current.kind == .comma { _ = advance() } else { break }
        }
        let close = try expect(.rightParen, "',' or ')'")
        return Expression(.call(callee, arguments), callee.range.merged(with: close.range))
    }

    mutating func parsePrimary() throws(Diagnostic) -> Expression {
        let token = current
        switch token.kind {
        case .integer(let value): _ = advance(); return Expression(.integer(value), token.range)
        case .float(let value): _ = advance(); return Expression(.float(value), token.range)
        case .string(let value): _ = advance(); return Expression(.string(value), token.range)
        case .keyword(.true): _ = advance(); return Expression(.boolean(true), token.range)
        case .keyword(.false): _ = advance(); return Expression(.boolean(false), token.range)
        case .keyword(.null): _ = advance(); return Expression(.null, token.range)
        case .identifier(let name): _ = advance(); return Expression(.name(name), token.range)
        case .leftParen:
            _ = advance()
            let inner = try parseExpression()
            let close = try expect(.rightParen, "')'")
            return Expression(inner.kind, token.range.merged(with: close.range))
        case .leftBracket:
            return try parseList()
        case .leftBrace:
            return try parseRecord()
        case .colon:
            throw Diagnostic(
                id: "syntax.misplaced-command", message: "a ':' command must start the line",
                range: token.range, source: source, hint: "type ':help' for the list of commands"
            )
        case .keyword(let keyword):
            throw Diagnostic(
                id: "syntax.unexpected-token", message: "expected a value, found '\(keyword.rawValue)'",
                range: token.range, source: source
            )
        default:
            throw error(expected: "a value")
        }
    }

    mutating func parseList() throws(Diagnostic) -> Expression {
        let open = advance()
        var elements: [Expression] = []
        while current.kind != .rightBracket {
            elements.append(try parseExpression())
            if current.kind == .comma { _ = advance() } else { break }
        }
        let close = try expect(.rightBracket, "',' or ']'")
        return Expression(.list(elements), open.range.merged(with: close.range))
    }

    mutating func parseRecord() throws(Diagnostic) -> Expression {
        let open = advance()
        var entries: [RecordEntry] = []
        while current.kind != .rightBrace {
            let keyToken = current
            let key: String
            switch keyToken.kind {
            case .identifier(let name): key = name
            case .keyword(let keyword): key = keyword.rawValue
            case .string(let text): key = text
            case .integer(let value): key = String(value)
            default: throw error(expected: "a record key (a name or a string)")
            }
            _ = advance()
            if entries.contains(where: { $0.key == key }) {
                throw Diagnostic(id: "syntax.duplicate-key", message: "key '\(key)' appears twice in this record", range: keyToken.range, source: source)
            }
            let value: Expression
            if current.kind == .colon {
                _ = advance()
                value = try parseExpression()
            } else if case .identifier(let name) = keyToken.kind {
                // `{input}` is short for `{input: input}`.
                value = Expression(.name(name), keyToken.range)
            } else {
                throw error(expected: "':' after the key")
            }
            entries.append(RecordEntry(key: key, keyRange: keyToken.range, value: value))
            if current.kind == .comma { _ = advance() } else { break }
        }
        let close = try expect(.rightBrace, "',' or '}'")
        return Expression(.record(entries), open.range.merged(with: close.range))
    }
}
