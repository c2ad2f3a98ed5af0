/// A shell-style wildcard pattern, matched against a whole string as history search does.
///
/// `*` matches any run of characters, `?` any one, `[abc]` / `[a-z]` one of a set and `[!abc]` or
/// `[^abc]` one outside it; everything else matches itself, case-sensitively (as SQLite's `GLOB`,
/// which the reference kernel's history search uses).
package struct GlobPattern: Sendable {
    private enum Token: Sendable {
        case literal(Unicode.Scalar)
        case anyOne
        case anyRun
        case set(members: [ClosedRange<Unicode.Scalar>], negated: Bool)

        func matches(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .literal(let expected): scalar == expected
            case .anyOne: true
            case .anyRun: false
            case .set(let members, let negated): members.contains { $0.contains(scalar) } != negated
            }
        }
    }

    private let tokens: [Token]

    /// Compiles a pattern; an unclosed `[` stands for itself.
    package init(_ pattern: String) {
        let scalars = Array(pattern.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "*": tokens.append(.anyRun)
            case "?": tokens.append(.anyOne)
            case "[":
                if let (set, next) = Self.parseSet(scalars, from: index + 1) {
                    tokens.append(set)
                    index = next
                    continue
                }
                tokens.append(.literal(scalar))
            default: tokens.append(.literal(scalar))
            }
            index += 1
        }
        self.tokens = tokens
    }

    /// Whether the whole of `text` matches.
    package func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var tokenIndex = 0
        var scalarIndex = 0
        // Where to resume after the most recent `*`: the token after it and the text it would next absorb.
        var resume: (token: Int, scalar: Int)?
        while scalarIndex < scalars.count {
            if tokenIndex < tokens.count, case .anyRun = tokens[tokenIndex] {
                resume = (tokenIndex + 1, scalarIndex)
                tokenIndex += 1
            } else if tokenIndex < tokens.count, tokens[tokenIndex].matches(scalars[scalarIndex]) {
                tokenIndex += 1
                scalarIndex += 1
            } else if let (token, scalar) = resume {
                tokenIndex = token
                scalarIndex = scalar + 1
                resume = (token, scalar + 1)
            } else {
                return false
            }
        }
        while tokenIndex < tokens.count, case .anyRun = tokens[tokenIndex] {
            tokenIndex += 1
        }
        return tokenIndex == tokens.count
    }

    private static func parseSet(_ scalars: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
        var index = start
        var negated = false
        if index < scalars.count, scalars[index] == "!" || scalars[index] == "^" {
            negated = true
            index += 1
        }
        var members: [ClosedRange<Unicode.Scalar>] = []
        var first = true
        while index < scalars.count {
            let scalar = scalars[index]
            // A `]` right after the opening bracket is a member, not the end.
            if scalar == "]" && !first {
                return (.set(members: members, negated: negated), index + 1)
            }
            if index + 2 < scalars.count, scalars[index + 1] == "-", scalars[index + 2] != "]", scalar <= scalars[index + 2] {
                members.append(scalar...scalars[index + 2])
                index += 3
            } else {
                members.append(scalar...scalar)
                index += 1
            }
            first = false
        }
        return nil
    }
}
