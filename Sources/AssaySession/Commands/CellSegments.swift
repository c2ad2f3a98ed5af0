/// A cell or script cut into code and the `:` command lines between it, in order.
///
/// A line is a command when, with its leading blanks removed, it starts with `:` and it begins a
/// statement: no bracket and no triple-quoted string is open at its start. A command is that line
/// alone; the lines after it are code again (or further commands).
struct CellSegments {
    /// One piece of a cell.
    enum Segment: Equatable {
        /// Code, with blank lines in front so that its line numbers are those of the whole cell.
        case code(String)
        /// A `:` command line and its 1-based line number.
        case command(String, line: Int)
    }

    /// The pieces, in the order they run.
    let segments: [Segment]

    /// Cuts code into its pieces.
    init(_ code: String) {
        var segments: [Segment] = []
        var pending: [Substring] = []
        var pendingStart = 0
        var scanner = OpenConstructScanner()
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        func flush(before line: Int) {
            if pending.contains(where: { !$0.allSatisfy(\.isWhitespace) }) {
                let padding = String(repeating: "\n", count: pendingStart)
                segments.append(.code(padding + pending.joined(separator: "\n")))
            }
            pending = []
            pendingStart = line + 1
        }
        for (number, line) in lines.enumerated() {
            if scanner.isAtStatementStart, line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(":") {
                flush(before: number)
                segments.append(.command(String(line), line: number + 1))
                continue
            }
            pending.append(line)
            scanner.scan(line)
        }
        flush(before: lines.count)
        self.segments = segments
    }
}

/// Follows the brackets and triple-quoted strings open across lines, as far as the lexer would.
private struct OpenConstructScanner {
    private var brackets = 0
    private var isInTripleString = false

    var isAtStatementStart: Bool { brackets == 0 && !isInTripleString }

    mutating func scan(_ line: Substring) {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        var quote: Unicode.Scalar?
        func isTripleQuote(at position: Int) -> Bool {
            position + 2 < scalars.count && scalars[position] == "\"" && scalars[position + 1] == "\"" && scalars[position + 2] == "\""
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if isInTripleString {
                if scalar == "\\" { index += 2; continue }
                if isTripleQuote(at: index) { isInTripleString = false; index += 3; continue }
                index += 1
                continue
            }
            if let open = quote {
                if scalar == "\\" { index += 2; continue }
                if scalar == open { quote = nil }
                index += 1
                continue
            }
            switch scalar {
            case "#": return
            case "\"" where isTripleQuote(at: index): isInTripleString = true; index += 3; continue
            case "\"", "'": quote = scalar
            case "(", "[", "{": brackets += 1
            case ")", "]", "}": brackets = max(0, brackets - 1)
            default: break
            }
            index += 1
        }
    }
}
