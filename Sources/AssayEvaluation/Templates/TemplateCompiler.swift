import AssayCore

/// Compiles template text into a ``TemplateProgram``, checking its syntax and block structure.
///
/// Tags: `if` / `elif` / `else` / `endif`; `for x in xs` (or `for k, v in pairs`, with an
/// optional `if` filter) / `else` (or `empty`) / `endfor`; `break` and `continue` inside loops;
/// `raw` / `endraw`. Anything else is an unknown tag, reported with its position.
struct TemplateCompiler {
    private struct OpenBlock {
        enum Kind: String {
            case `if`, `for`
        }

        var kind: Kind
        var range: Range<Int>
        var hasElse = false
        var loopVariables: [String] = []
    }

    /// How deep `if` and `for` blocks may nest; deeper is a located error.
    static let maximumNesting = 100

    private static let knownTags = ["if", "elif", "else", "endif", "for", "empty", "endfor", "break", "continue", "raw", "endraw"]

    private static let unsupportedTags: [String: String] = [
        "set": "templates cannot assign variables; put the value in the suite",
        "include": "templates are self-contained; paste the text in",
        "extends": "templates are self-contained; paste the text in",
        "block": "templates are self-contained; there are no blocks to override",
        "macro": "macros are not supported; repeat the text or use a loop",
        "with": "templates cannot assign variables; put the value in the suite",
        "filter": "apply filters to expressions instead: {{ x | upper }}",
    ]

    let bytes: [UInt8]
    private var program: TemplateProgram
    private var blocks: [OpenBlock] = []

    init(text: String) {
        bytes = Array(text.utf8)
        program = TemplateProgram(source: bytes)
    }

    mutating func compile() throws(TemplateFailure) -> TemplateProgram {
        for token in try TemplateLexer(bytes: bytes).tokenize() {
            switch token.kind {
            case .text:
                if !token.text.isEmpty { program.pieces.append(.text(token.text)) }
            case .comment:
                continue
            case .output:
                var parser = try ExpressionParser(bytes: bytes, range: token.code)
                let expression = try parser.parseComplete()
                program.pieces.append(.output(addSlot(.output, expression)))
            case .tag:
                try compileTag(token)
            }
        }
        if let open = blocks.last {
            throw .syntax("'\(open.kind.rawValue)' is never closed", at: open.range,
                          hint: "add {% end\(open.kind.rawValue) %}")
        }
        return program
    }

    private mutating func addSlot(_ role: TemplateProgram.Slot.Role, _ expression: TemplateExpression) -> Int {
        let loops = blocks.filter { $0.kind == .for }
        return program.addSlot(TemplateProgram.Slot(
            role: role, expression: expression,
            loopVariables: loops.flatMap(\.loopVariables), isInsideLoop: !loops.isEmpty
        ))
    }

    /// Adds a slot and returns the Stencil filter call that evaluates it.
    private mutating func addFilterSlot(_ role: TemplateProgram.Slot.Role, _ expression: TemplateExpression) -> String {
        TemplateProgram.filterCall(addSlot(role, expression))
    }

    private mutating func compileTag(_ token: TemplateToken) throws(TemplateFailure) {
        let (keyword, rest) = splitKeyword(token.code)
        guard !keyword.isEmpty else {
            throw .syntax("expected a tag name such as 'if' or 'for'", at: token.range)
        }
        guard Self.knownTags.contains(keyword) else {
            throw unknownTag(keyword, at: token.range)
        }
        if keyword == "if" || keyword == "for", blocks.count >= Self.maximumNesting {
            throw .syntax("nesting deeper than \(Self.maximumNesting)", at: token.range,
                          hint: "close some blocks, or move the logic into the suite")
        }
        var parser = try ExpressionParser(bytes: bytes, range: rest)
        switch keyword {
        case "if":
            let condition = try parser.parseComplete()
            let code = addFilterSlot(.condition, condition)
            blocks.append(OpenBlock(kind: .if, range: token.range))
            program.pieces.append(.block("if \(code)"))
        case "elif":
            try requireOpen(.if, for: keyword, at: token.range, allowingElse: false)
            let condition = try parser.parseComplete()
            program.pieces.append(.block("elif \(addFilterSlot(.condition, condition))"))
        case "else", "empty":
            try parser.expectEnd()
            guard let open = blocks.last, keyword == "else" || open.kind == .for else {
                throw .syntax("'\(keyword)' outside \(keyword == "else" ? "an 'if' or 'for'" : "a 'for'") block", at: token.range)
            }
            try requireOpen(open.kind, for: keyword, at: token.range, allowingElse: false)
            blocks[blocks.count - 1].hasElse = true
            program.pieces.append(.block(open.kind == .if ? "else" : "empty"))
        case "endif", "endfor":
            try parser.expectEnd()
            let kind: OpenBlock.Kind = keyword == "endif" ? .if : .for
            try requireOpen(kind, for: keyword, at: token.range, allowingElse: true)
            blocks.removeLast()
            program.pieces.append(.block(keyword))
        case "for":
            try compileFor(&parser, token: token)
        case "break", "continue":
            try parser.expectEnd()
            guard blocks.contains(where: { $0.kind == .for }) else {
                throw .syntax("'\(keyword)' outside a 'for' loop", at: token.range)
            }
            program.pieces.append(.block(keyword))
        case "endraw":
            throw .syntax("'endraw' without a matching 'raw'", at: token.range)
        default:
            throw unknownTag(keyword, at: token.range)
        }
    }

    /// Splits a tag's code into its leading name and the rest.
    private func splitKeyword(_ code: Range<Int>) -> (String, Range<Int>) {
        var start = code.lowerBound
        while start < code.upperBound, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0A || bytes[start] == 0x0D {
            start += 1
        }
        var end = start
        while end < code.upperBound, Self.isNameByte(bytes[end], first: end == start) {
            end += 1
        }
        return (String(decoding: bytes[start..<end], as: UTF8.self), end..<code.upperBound)
    }

    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): true
        case UInt8(ascii: "0")...UInt8(ascii: "9"): !first
        default: false
        }
    }

    private func unknownTag(_ keyword: String, at range: Range<Int>) -> TemplateFailure {
        let hint = Self.unsupportedTags[keyword].map { "'\(keyword)' is not supported: \($0)" }
            ?? "tags are if, elif, else, endif, for, endfor, break, continue, raw and endraw"
        let suggestion = Self.unsupportedTags[keyword] == nil ? Suggestion.closest(to: keyword, among: Self.knownTags, limit: 1).first : nil
        return .syntax("unknown tag '\(keyword)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""), at: range, hint: hint)
    }

    private mutating func compileFor(_ parser: inout ExpressionParser, token: TemplateToken) throws(TemplateFailure) {
        var variables = [try parser.expectName("a loop variable").0]
        if parser.current.isSymbol(",") {
            parser.advance()
            variables.append(try parser.expectName("a second loop variable").0)
            if parser.current.isSymbol(",") {
                throw .syntax("a loop takes at most two variables", at: parser.current.range)
            }
        }
        try parser.expectKeyword("in")
        let source = try parser.parseExpression(allowsConditional: false)
        var filter: TemplateExpression?
        if parser.current.isName("if") {
            parser.advance()
            filter = try parser.parseExpression(allowsConditional: false)
        }
        try parser.expectEnd()
        let sourceCode = addFilterSlot(.loop(variableCount: variables.count), source)
        blocks.append(OpenBlock(kind: .for, range: token.range, loopVariables: variables))
        var block = "for \(variables.joined(separator: ",")) in \(sourceCode)"
        if let filter { block += " where \(addFilterSlot(.condition, filter))" }
        program.pieces.append(.block(block))
    }

    private func requireOpen(
        _ kind: OpenBlock.Kind, for keyword: String, at range: Range<Int>, allowingElse: Bool
    ) throws(TemplateFailure) {
        guard let open = blocks.last else {
            throw .syntax("'\(keyword)' without a matching '\(kind.rawValue)'", at: range)
        }
        guard open.kind == kind else {
            let line = SourcePosition(offset: open.range.lowerBound, in: bytes).line
            throw .syntax("'\(keyword)' does not match the open '\(open.kind.rawValue)' from line \(line)", at: range,
                          hint: "close the '\(open.kind.rawValue)' with {% end\(open.kind.rawValue) %} first")
        }
        if !allowingElse && open.hasElse {
            throw .syntax("'\(keyword)' after the 'else' of this '\(kind.rawValue)'", at: range)
        }
    }
}
