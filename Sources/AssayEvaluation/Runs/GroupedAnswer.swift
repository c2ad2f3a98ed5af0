import AssayCore
import Foundation

/// Reads a grouped request's answer back into one answer per item.
///
/// The answer may be a JSON array (the whole answer, or inside a ``` fence), whose elements are the
/// items (strings as they are, other values as compact JSON); otherwise it is read as a numbered
/// list: a line starting `3.`, `3)` or `3:` opens item 3, lines that follow belong to it until the
/// next item opens, and each item's text is trimmed. Text before the first item is ignored. A line
/// only opens an item whose number is higher than the last one opened and at most the item count,
/// so a numbered line inside an answer does not split it.
package enum GroupedAnswer {
    /// Each item's answer, by position (index 0 is item 1); nil for an item the answer lacks.
    ///
    /// - Parameters:
    ///   - text: The model's whole answer.
    ///   - count: How many items were asked about.
    /// - Returns: `count` answers, nil where the item is missing.
    package static func items(in text: String, count: Int) -> [String?] {
        if let array = jsonArray(in: text) {
            return (0..<count).map { index in
                guard index < array.count else { return nil }
                return array[index].stringValue ?? array[index].serialized()
            }
        }
        return numberedItems(in: text, count: count)
    }

    /// The items of a numbered list, by position; nil for a number that does not appear.
    static func numberedItems(in text: String, count: Int) -> [String?] {
        var lines: [Int: [Substring]] = [:]
        var current: Int?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmedLine = line.last == "\r" ? line.dropLast() : line
            if let (number, rest) = marker(trimmedLine), number > (current ?? 0), number <= count {
                current = number
                lines[number] = [rest]
            } else if let current {
                lines[current, default: []].append(trimmedLine)
            }
        }
        guard count > 0 else { return [] }
        return (1...count).map { number in
            lines[number].map { $0.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) }
        }
    }

    /// The number and the rest of a line that opens an item (`12. text`, `12) text`, `12: text`).
    private static func marker(_ line: Substring) -> (Int, Substring)? {
        let start = line.drop { $0 == " " || $0 == "\t" }
        let digits = start.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 6, let number = Int(digits) else { return nil }
        let afterDigits = start.dropFirst(digits.count)
        guard let separator = afterDigits.first, separator == "." || separator == ")" || separator == ":" else { return nil }
        let rest = afterDigits.dropFirst()
        // `1.5 kg` is a number, not an item.
        if let next = rest.first, !next.isWhitespace { return nil }
        return (number, rest)
    }

    /// The elements of a JSON array that is the whole answer or a fenced block of it.
    private static func jsonArray(in text: String) -> [JSONValue]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("["), case .array(let elements)? = try? JSONValue.parse(trimmed) { return elements }
        guard let open = trimmed.range(of: "```") else { return nil }
        let afterFence = trimmed[open.upperBound...]
        guard let lineEnd = afterFence.firstIndex(of: "\n"),
              let close = afterFence[lineEnd...].range(of: "```") else { return nil }
        let body = afterFence[lineEnd..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        guard body.hasPrefix("["), case .array(let elements)? = try? JSONValue.parse(body) else { return nil }
        return elements
    }
}
