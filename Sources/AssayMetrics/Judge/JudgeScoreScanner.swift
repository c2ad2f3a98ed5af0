import AssayCore
import Foundation

/// Finds score candidates in a judge's answer.
enum JudgeScoreScanner {
    private static let number = #"([-+]?\d+(?:\.\d+)?)"#

    // Expressions are built once; `NSRegularExpression` is immutable and safe to share.
    private static let label = try! NSRegularExpression(
        pattern: #"\b(?:(final|overall|total)\s+)?(score|rating|grade)\b["']?\s*(?:\([^()\n]{0,24}\))?\s*"#
            + #"(?:is|of|=|:|-|–|—)?\s*:?\s*(?:a\s+)?"# + number + #"(?:\s*(?:/|out\s+of)\s*"# + number + ")?",
        options: [.caseInsensitive])
    private static let fraction = try! NSRegularExpression(
        pattern: #"(?<![\d./])"# + number + #"\s*(?:/|out\s+of)\s*"# + number + #"(?![\d/])"#,
        options: [.caseInsensitive])
    private static let bare = try! NSRegularExpression(pattern: "^" + number + #"\.?$"#)
    private static let fence = try! NSRegularExpression(
        pattern: "```[A-Za-z]*[ \\t]*\\n?(.*?)```", options: [.dotMatchesLineSeparators])
    private static let refusal = try! NSRegularExpression(
        pattern: #"\bi\s*(?:cannot|can[’']?t|can\s+not|am\s+unable|[’']m\s+unable|won[’']?t|will\s+not|"#
            + #"am\s+not\s+able|[’']m\s+not\s+able|must\s+decline|decline)\b|\bas\s+an\s+ai\b|"#
            + #"\bas\s+a\s+(?:large\s+)?language\s+model\b|\bi[’']m\s+sorry\b|\bi\s+am\s+sorry\b|"#
            + #"\bi\s+apologi[sz]e\b|\bunable\s+to\s+(?:evaluate|assess|rate|score|grade|judge)\b"#,
        options: [.caseInsensitive])

    /// JSON keys that hold a score, most preferred first.
    private static let jsonKeys = ["score", "final_score", "overall_score", "total_score", "rating", "grade"]

    /// The score member of a JSON object in the answer (fenced or bare), if there is one.
    static func jsonCandidate(in text: String) -> JudgeScoreCandidate? {
        var bodies = matches(of: fence, in: text).compactMap { $0[1] }
        if let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}"), open < close {
            bodies.append(String(text[open...close]))
        }
        for body in bodies {
            guard let tree = try? JSONValue.parse(body), let (key, value) = scoreMember(of: tree, depth: 0) else { continue }
            let evidence = "\"\(key)\": \(evidenceText(value))"
            switch value {
            case .int, .double:
                return JudgeScoreCandidate(value: value.doubleValue!, outOf: nil, source: .json, isFinal: true, evidence: evidence)
            case .string(let string):
                // A score written as a string ("7", "7/10") is read like a text answer.
                if let inner = textCandidates(in: string).max(by: { $0.source < $1.source }) {
                    return JudgeScoreCandidate(
                        value: inner.value, outOf: inner.outOf, source: .json, isFinal: true, evidence: evidence)
                }
            default:
                continue
            }
        }
        return nil
    }

    /// Labelled scores, fractions and a bare final number, in the order they appear.
    static func textCandidates(in answer: String) -> [JudgeScoreCandidate] {
        // Markdown emphasis and headings say nothing about the score: "**Score:** 9".
        var text = answer
        for mark in ["**", "__", "*", "`", "#"] {
            text = text.replacingOccurrences(of: mark, with: "")
        }
        text = text.replacingOccurrences(of: "_", with: " ")
        var found: [JudgeScoreCandidate] = []
        for groups in matches(of: label, in: text) {
            guard let value = groups[3].flatMap(Double.init) else { continue }
            let isFinal = groups[1] != nil
            let isScore = isFinal || groups[2]?.lowercased() == "score"
            found.append(JudgeScoreCandidate(
                value: value, outOf: groups[4].flatMap(Double.init), source: isScore ? .scoreLabel : .otherLabel,
                isFinal: isFinal, evidence: groups[0] ?? ""))
        }
        for groups in matches(of: fraction, in: text) {
            guard let value = groups[1].flatMap(Double.init) else { continue }
            found.append(JudgeScoreCandidate(
                value: value, outOf: groups[2].flatMap(Double.init), source: .fraction, isFinal: false,
                evidence: groups[0] ?? ""))
        }
        let lastLine = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .last { !$0.isEmpty }
        if let lastLine, let groups = matches(of: bare, in: lastLine).first, let value = groups[1].flatMap(Double.init) {
            found.append(JudgeScoreCandidate(
                value: value, outOf: nil, source: .bareNumber, isFinal: false, evidence: lastLine))
        }
        return found
    }

    /// Whether the answer reads as the judge declining to evaluate.
    static func isRefusal(_ text: String) -> Bool {
        !matches(of: refusal, in: text).isEmpty
    }

    /// The first score member of an object, looking one level into nested objects.
    private static func scoreMember(of tree: JSONValue, depth: Int) -> (String, JSONValue)? {
        guard case .object(let members) = tree else { return nil }
        for key in jsonKeys {
            if let member = members.first(where: { $0.key.lowercased() == key }) {
                return (member.key, member.value)
            }
        }
        guard depth == 0 else { return nil }
        for name in members.keys.sorted() {
            if let found = scoreMember(of: members[name]!, depth: depth + 1) {
                return found
            }
        }
        return nil
    }

    /// How a score member's value reads in the evidence: numbers as the parser prints them,
    /// strings quoted, anything else elided.
    private static func evidenceText(_ value: JSONValue) -> String {
        switch value {
        case .int, .double: JudgeScoreParser.text(value.doubleValue!)
        case .string(let string): "\"\(string)\""
        case .object: "{…}"
        default: "…"
        }
    }

    /// The capture groups (index 0 is the whole match) of every match.
    private static func matches(of expression: NSRegularExpression, in text: String) -> [[String?]] {
        expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) }
            }
        }
    }
}
