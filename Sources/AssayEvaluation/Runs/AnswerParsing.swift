import AssayCore
import Foundation

/// The extraction rules of ``Extraction``, on answer text.
enum AnswerParsing {
    /// The JSON value of the answer: the whole text, else a fenced block, else the first object or
    /// array in the prose that parses.
    static func json(in output: String) throws(ExtractionError) -> JSONValue {
        let trimmed = output.trimmingWhitespace()
        if let value = try? JSONValue.parse(trimmed) { return value }
        for block in fencedBlocks(in: output) {
            if let value = try? JSONValue.parse(block.trimmingWhitespace()) { return value }
        }
        if let value = firstEmbeddedValue(in: Array(output.utf8)) { return value }
        throw ExtractionError("no JSON value found in the answer: \(excerpt(output))")
    }

    /// The label the answer (or its first non-empty line) names, as written in `labels`.
    static func label(in output: String, labels: [String]) throws(ExtractionError) -> JSONValue {
        var index: [String: String] = [:]
        for label in labels where index[normalizedLabel(label)] == nil {
            index[normalizedLabel(label)] = label
        }
        if let label = index[normalizedLabel(output)] { return .string(label) }
        let firstLine = output.split(whereSeparator: \.isNewline).first { !$0.trimmingWhitespace().isEmpty }
        if let firstLine, let label = index[normalizedLabel(String(firstLine))] { return .string(label) }
        let list = labels.map { "'\($0)'" }.joined(separator: ", ")
        throw ExtractionError("the answer is none of the labels \(list): \(excerpt(output))")
    }

    /// The labels the answer names, separated by commas, semicolons or line breaks: each once, in
    /// the order of `labels`, as written there.
    static func labelSet(in output: String, labels: [String]) throws(ExtractionError) -> JSONValue {
        var index: [String: Int] = [:]
        for (position, label) in labels.enumerated() where index[normalizedLabel(label)] == nil {
            index[normalizedLabel(label)] = position
        }
        var named = Set<Int>()
        var unknown: [String] = []
        for part in Extraction.labelParts(output) {
            let key = normalizedLabel(part)
            if key.isEmpty { continue }
            if let position = index[key] { named.insert(position) } else { unknown.append(String(part).trimmingWhitespace()) }
        }
        let list = labels.map { "'\($0)'" }.joined(separator: ", ")
        if !unknown.isEmpty {
            let parts = unknown.map { JSONValue.string($0).serialized() }.joined(separator: ", ")
            throw ExtractionError("the answer names \(parts), which \(unknown.count == 1 ? "is" : "are") not among the labels \(list): \(excerpt(output))")
        }
        guard !named.isEmpty else { throw ExtractionError("the answer names none of the labels \(list): \(excerpt(output))") }
        return .array(named.sorted().map { .string(labels[$0]) })
    }

    /// The first match of `pattern`: its first capture group if it has one, else the whole match.
    static func regexMatch(in output: String, pattern: String) throws(ExtractionError) -> JSONValue {
        let regex = try compile(pattern)
        guard let match = output.firstMatch(of: regex) else {
            throw ExtractionError("the pattern /\(pattern)/ does not match the answer: \(excerpt(output))")
        }
        if match.output.count > 1 {
            guard let group = match.output[1].substring else {
                throw ExtractionError("the pattern /\(pattern)/ matched, but its capture group did not: \(excerpt(output))")
            }
            return .string(String(group))
        }
        return .string(String(match.output[0].substring ?? ""))
    }

    static func compile(_ pattern: String) throws(ExtractionError) -> Regex<AnyRegexOutput> {
        do {
            return try Regex(pattern)
        } catch {
            throw ExtractionError("the regular expression /\(pattern)/ does not compile: \(error)")
        }
    }

    /// The answer's first 200 characters, quoted, for messages.
    static func excerpt(_ output: String) -> String {
        let limit = 200
        let text = output.count > limit ? String(output.prefix(limit)) + "…" : output
        return JSONValue.string(text).serialized()
    }

    /// Lower case, whitespace runs collapsed to one space, trimmed, and a final `.` dropped.
    private static func normalizedLabel(_ text: String) -> String {
        Extraction.labelKey(text)
    }

    /// The contents of ```` ``` ```` fences, those tagged `json` first.
    private static func fencedBlocks(in output: String) -> [String] {
        let parts = output.components(separatedBy: "```")
        guard parts.count >= 3 else { return [] }
        var tagged: [String] = []
        var untagged: [String] = []
        var position = 1
        while position < parts.count - 1 {
            let block = parts[position]
            let firstLineEnd = block.firstIndex(where: \.isNewline) ?? block.endIndex
            let firstLine = block[..<firstLineEnd].trimmingWhitespace()
            let isTag = firstLine.allSatisfy { $0.isLetter || $0.isNumber }
            let body = isTag ? String(block[firstLineEnd...]) : block
            if firstLine.lowercased() == "json" { tagged.append(body) } else { untagged.append(body) }
            position += 2
        }
        return tagged + untagged
    }

    /// The first balanced `{…}` or `[…]` span that parses as JSON.
    private static func firstEmbeddedValue(in bytes: [UInt8]) -> JSONValue? {
        var start = 0
        while start < bytes.count {
            guard let open = bytes[start...].firstIndex(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }) else {
                return nil
            }
            if let end = balancedEnd(in: bytes, from: open),
               let value = try? JSONValue.parse(String(decoding: bytes[open...end], as: UTF8.self)) {
                return value
            }
            start = open + 1
        }
        return nil
    }

    /// The index of the bracket closing the one at `open`, skipping brackets inside strings.
    private static func balancedEnd(in bytes: [UInt8], from open: Int) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        for position in open..<bytes.count {
            let byte = bytes[position]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return position }
            default: break
            }
        }
        return nil
    }
}
