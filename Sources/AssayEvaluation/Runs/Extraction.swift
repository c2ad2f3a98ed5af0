import AssayCore

/// How a model's answer text becomes the value that metrics score.
///
/// A failed extraction is never a wrong answer: the case gets status ``CaseStatus/extractError``
/// with the reason, keeps its raw output, and is left out of the metrics.
public enum Extraction: Sendable {
    /// The answer text with leading and trailing whitespace removed, as a string.
    case text
    /// The answer parsed as JSON; when the whole text is not JSON, the first JSON object or array
    /// inside a ```` ```json ```` fence, any ```` ``` ```` fence, or the surrounding prose.
    case json
    /// One of the labels: the answer, or else its first line, matched ignoring case and
    /// whitespace (runs of whitespace count as one space; trailing `.` is ignored). The stored
    /// value is the label as written in the list.
    case labels([String])
    /// Any number of the labels, at least one: the answer split at commas, semicolons and line
    /// breaks, each part matched as ``labels(_:)`` matches. The stored value is the list of labels
    /// named, as written and in the list's order, each once.
    case labelSet([String])
    /// The first match of a regular expression: its first capture group when it has one, else the
    /// whole match. No match is an extraction error.
    case regex(String)
    /// A function of the answer text, with its source text (a lambda's, such as `t => upper(t)`, or
    /// a builtin's name); an error it throws is an extraction error.
    case custom(source: String, @Sendable (String) async throws -> JSONValue)

    /// The extraction as JSON for the run's configuration: `{"kind": "labels", "labels": [...]}`;
    /// a custom one records its source text (`{"kind": "custom", "source": "t => upper(t)"}`), from
    /// which ``MetricCatalogue/extraction(_:)`` compiles it again.
    public var configuration: JSONValue {
        switch self {
        case .text: ["kind": "text"]
        case .json: ["kind": "json"]
        case .labels(let labels): ["kind": "labels", "labels": .array(labels.map { .string($0) })]
        case .labelSet(let labels): ["kind": "label_set", "labels": .array(labels.map { .string($0) })]
        case .regex(let pattern): ["kind": "regex", "pattern": .string(pattern)]
        case .custom(let source, _): ["kind": "custom", "source": .string(source)]
        }
    }

    /// Rebuilds an extraction from its ``configuration``; nil for a custom one (its source must be
    /// compiled, see ``MetricCatalogue/extraction(_:)``) or an unknown kind.
    ///
    /// - Parameter configuration: A value written by ``configuration``.
    /// - Returns: The extraction, or nil.
    public init?(configuration: JSONValue) {
        let object = configuration.objectValue
        switch object?["kind"]?.stringValue {
        case "text": self = .text
        case "json": self = .json
        case "labels":
            guard let labels = object?["labels"]?.arrayValue else { return nil }
            self = .labels(labels.compactMap(\.stringValue))
        case "label_set":
            guard let labels = object?["labels"]?.arrayValue else { return nil }
            self = .labelSet(labels.compactMap(\.stringValue))
        case "regex":
            guard let pattern = object?["pattern"]?.stringValue else { return nil }
            self = .regex(pattern)
        default: return nil
        }
    }

    /// Extracts the value from an answer.
    ///
    /// - Parameter output: The model's answer text.
    /// - Returns: The extracted value.
    /// - Throws: ``ExtractionError`` saying why nothing could be extracted.
    public func extract(from output: String) async throws(ExtractionError) -> JSONValue {
        switch self {
        case .text:
            return .string(output.trimmingWhitespace())
        case .json:
            return try AnswerParsing.json(in: output)
        case .labels(let labels):
            return try AnswerParsing.label(in: output, labels: labels)
        case .labelSet(let labels):
            return try AnswerParsing.labelSet(in: output, labels: labels)
        case .regex(let pattern):
            return try AnswerParsing.regexMatch(in: output, pattern: pattern)
        case .custom(let source, let function):
            do {
                return try await function(output)
            } catch let error as ExtractionError {
                throw error
            } catch {
                throw ExtractionError("the extraction '\(source)' failed: \(error)")
            }
        }
    }

    /// Checks what can be checked before a run starts: that a regular expression compiles.
    ///
    /// - Throws: ``ExtractionError`` naming the problem.
    public func validate() throws(ExtractionError) {
        if case .regex(let pattern) = self {
            _ = try AnswerParsing.compile(pattern)
        }
    }
}

extension Extraction {
    /// A label as labels are compared: lower case, runs of whitespace as one space, trimmed, and a
    /// final `.` dropped. Answers, expected labels and label lists all go through it.
    ///
    /// - Parameter text: A label or an answer naming one.
    /// - Returns: The text to compare.
    public static func labelKey(_ text: String) -> String {
        var words = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while words.hasSuffix(".") { words.removeLast() }
        return words.trimmingWhitespace()
    }

    /// The parts of a text that names several labels: split at commas, semicolons and line breaks.
    ///
    /// - Parameter text: An answer or an expected value naming labels.
    /// - Returns: The parts, untrimmed, empty ones left out.
    public static func labelParts(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline }).map(String.init)
    }
}

/// Why an answer's value could not be extracted.
public struct ExtractionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for the user.
    public let message: String

    /// Creates an error.
    ///
    /// - Parameter message: What went wrong.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String {
        message
    }
}
