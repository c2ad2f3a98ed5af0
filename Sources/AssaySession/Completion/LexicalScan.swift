/// Light scanning of partly typed code, for completion and inspection (no full parse needed).
enum LexicalScan {
    /// A string literal that is open at the end of the text.
    struct OpenString {
        /// Offset of the opening quote, in Unicode scalars.
        let quoteOffset: Int
        /// What has been typed inside it so far.
        let content: String
    }

    /// The string literal still open at the end of `text`, if any.
    static func openString(in text: String) -> OpenString? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var open: (quote: Unicode.Scalar, start: Int, triple: Bool)?
        while index < scalars.count {
            let scalar = scalars[index]
            if let current = open {
                if scalar == "\\" { index += 2; continue }
                if current.triple {
                    if scalar == "\"", index + 2 < scalars.count, scalars[index + 1] == "\"", scalars[index + 2] == "\"" { open = nil; index += 3; continue }
                } else if scalar == current.quote || scalar == "\n" {
                    open = nil
                }
                index += 1
                continue
            }
            if scalar == "#" {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                continue
            }
            if scalar == "\"" || scalar == "'" {
                let triple = scalar == "\"" && index + 2 < scalars.count && scalars[index + 1] == "\"" && scalars[index + 2] == "\""
                open = (scalar, index, triple)
                index += triple ? 3 : 1
                continue
            }
            index += 1
        }
        guard let open else { return nil }
        let contentStart = open.start + (open.triple ? 3 : 1)
        return OpenString(quoteOffset: open.start, content: String(String.UnicodeScalarView(scalars[contentStart...])))
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    /// The identifier characters at the end of the text.
    static func trailingWord(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.reversed().prefix(while: isWordScalar).reversed()))
    }

    /// A path chain at the end of the text (`r/summary/rouge`).
    static func trailingPath(_ text: String) -> String {
        let allowed: (Unicode.Scalar) -> Bool = { isWordScalar($0) || $0 == "/" || $0 == "*" || $0 == "-" || $0 == "?" }
        return String(String.UnicodeScalarView(text.unicodeScalars.reversed().prefix(while: allowed).reversed()))
    }

    /// The name of the function whose argument list is open at the end of the text.
    static func enclosingCallee(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var depth = 0
        var index = scalars.count - 1
        while index >= 0 {
            switch scalars[index] {
            case ")", "]", "}": depth += 1
            case "[", "{": if depth == 0 { return nil } else { depth -= 1 }
            case "(":
                if depth == 0 {
                    let head = String(String.UnicodeScalarView(scalars[..<index])).trimmingTrailingSpaces()
                    let name = trailingWord(head)
                    return name.isEmpty ? nil : name
                }
                depth -= 1
            default: break
            }
            index -= 1
        }
        return nil
    }

    /// The keyword label directly before the end of the text (`file:` in `template(file: `).
    static func trailingLabel(_ text: String) -> String? {
        var head = text.trimmingTrailingSpaces()
        guard head.hasSuffix(":") else { return nil }
        head.removeLast()
        let word = trailingWord(head.trimmingTrailingSpaces())
        return word.isEmpty ? nil : word
    }

    /// The identifier around a cursor (in Unicode scalars), if any.
    static func word(in code: String, at cursor: Int) -> String? {
        let scalars = Array(code.unicodeScalars)
        var start = min(max(0, cursor), scalars.count)
        var end = start
        while start > 0, isWordScalar(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isWordScalar(scalars[end]) { end += 1 }
        guard start < end else { return nil }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}

extension LexicalScan {
    /// The names a cell assigns (`name = …` at the start of a line or after `;`), so that a name
    /// assigned earlier in the cell being edited completes before the cell has run.
    static func assignedNames(in code: String) -> [String] {
        var names: [String] = []
        for statement in code.split(whereSeparator: { $0 == "\n" || $0 == ";" }) {
            let text = statement.drop { $0 == " " || $0 == "\t" }
            guard let first = text.unicodeScalars.first, isWordScalar(first), !("0"..."9").contains(first) else { continue }
            let name = text.prefix { $0.unicodeScalars.allSatisfy(isWordScalar) }
            let rest = text.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }
            guard rest.first == "=", rest.dropFirst().first != "=" else { continue }
            let word = String(name)
            if !names.contains(word) { names.append(word) }
        }
        return names
    }
}
