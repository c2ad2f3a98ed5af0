/// Why an LLM judge could not score a case: the judge model failed to answer, or its answer held no
/// score that could be read.
///
/// A metric throws it to have the runner record the case as ``CaseStatus/judgeError`` rather than
/// ``CaseStatus/metricError``; the message includes the judge's raw answer so that it can be read.
public struct JudgeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for the user.
    public let message: String
    /// The judge's raw answer; empty when the judge did not answer.
    public let rawAnswer: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - rawAnswer: The judge's raw answer, if it gave one.
    public init(_ message: String, rawAnswer: String = "") {
        self.message = message
        self.rawAnswer = rawAnswer
    }

    /// The message, then the raw answer when there is one.
    public var description: String {
        rawAnswer.isEmpty ? message : "\(message); the judge answered: \(rawAnswer)"
    }
}
