/// Why no score could be read from an LLM judge's answer.
///
/// A run records such a case with the status `judge_error`, never as a low score: the judge
/// failed, not the answer being judged. The judge's raw answer is kept so that it can be shown.
public struct JudgeScoreFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    ///
    /// A struct rather than an enum, so that new kinds do not break exhaustive switches.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case refusal
            case unparseable
            case outOfRange = "out of range"
            case scaleMismatch = "scale mismatch"
            case ambiguous
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// The judge declined to evaluate ("I cannot evaluate this", "As an AI…").
        public static let refusal = Kind(.refusal)
        /// The answer is empty or holds no score that could be read.
        public static let unparseable = Kind(.unparseable)
        /// The score lies outside the parser's scale.
        public static let outOfRange = Kind(.outOfRange)
        /// The score is given out of a different maximum than the scale's ("4/5" on 1–10).
        public static let scaleMismatch = Kind(.scaleMismatch)
        /// Several different scores, none of them preferred over the others.
        public static let ambiguous = Kind(.ambiguous)

        /// The kind in words, such as `out of range`.
        public var description: String {
            value.rawValue
        }
    }

    /// The status a run records for a case whose judge failed.
    public static let status = "judge_error"

    /// The kind of failure.
    public let kind: Kind
    /// What went wrong, in a sentence.
    public let message: String
    /// The judge's answer, unchanged.
    public let rawAnswer: String
    /// The scores that were found, in the order they appear (for `out of range` and `ambiguous`).
    public let candidates: [Double]

    /// Creates a failure.
    ///
    /// - Parameters:
    ///   - kind: The kind of failure.
    ///   - message: What went wrong.
    ///   - rawAnswer: The judge's answer, unchanged.
    ///   - candidates: The scores that were found.
    public init(kind: Kind, message: String, rawAnswer: String, candidates: [Double] = []) {
        self.kind = kind
        self.message = message
        self.rawAnswer = rawAnswer
        self.candidates = candidates
    }

    /// The kind followed by the message, such as `judge error (out of range): score 11 is …`.
    public var description: String {
        "judge error (\(kind)): \(message)"
    }
}
