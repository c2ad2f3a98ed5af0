import Foundation

/// Reads the score out of an LLM judge's raw answer, or says why it cannot.
///
/// The parser accepts the shapes judges actually produce: a bare number (`7`, `7.5`), a labelled
/// score (`Score: 7/10`, `Rating: 8 out of 10`, `**Score:** 9`, `Final score: 6`), an unlabelled
/// fraction (`7/10`), JSON (`{"score": 7}`, `{"rating": 7, "reason": …}`, also inside a
/// ```` ```json ```` fence), and reasoning followed by a score line.
///
/// When the answer holds several scores, the most explicit kind wins: a JSON score member, then a
/// `Score:` label (or any label introduced by "final", "overall" or "total"), then `Rating:` or
/// `Grade:`, then a fraction, then a bare number on the last line. Several *different* scores of
/// the winning kind are ambiguous, unless exactly one value is labelled final or overall.
///
/// ```swift
/// let parser = JudgeScoreParser(scale: 1...10)
/// try parser.score("The summary is faithful.\nScore: 8/10").value  // 8
/// JudgeScoreParser(scale: 1...10, normalizes: true).parse("Score: 10")  // .success, value 1
/// ```
public struct JudgeScoreParser: Sendable, Hashable {
    /// The range of valid scores, such as `1...10`.
    public let scale: ClosedRange<Double>
    /// Whether ``JudgeScore/value`` is mapped from the scale to 0–1.
    public let normalizes: Bool

    /// Creates a parser for a scale.
    ///
    /// - Parameters:
    ///   - scale: The range of valid scores; a written maximum (the `10` of `7/10`) must equal
    ///     its upper bound.
    ///   - normalizes: Map scores linearly from `scale` to 0–1 (the lower bound becomes 0 and the
    ///     upper bound 1).
    public init(scale: ClosedRange<Double>, normalizes: Bool = false) {
        self.scale = scale
        self.normalizes = normalizes
    }

    /// Reads the score from a judge's answer.
    ///
    /// - Parameter answer: The judge model's raw answer.
    /// - Returns: The score, or the failure that a run records as `judge_error`.
    public func parse(_ answer: String) -> Result<JudgeScore, JudgeScoreFailure> {
        Result { () throws(JudgeScoreFailure) -> JudgeScore in try score(answer) }
    }

    /// Reads the score from a judge's answer, throwing when there is none.
    ///
    /// - Parameter answer: The judge model's raw answer.
    /// - Returns: The score.
    /// - Throws: ``JudgeScoreFailure`` when the judge refused, the answer holds no score, the
    ///   score is outside the scale, or several scores conflict.
    public func score(_ answer: String) throws(JudgeScoreFailure) -> JudgeScore {
        let text = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw JudgeScoreFailure(kind: .unparseable, message: "the answer is empty", rawAnswer: answer)
        }
        let candidates = JudgeScoreScanner.jsonCandidate(in: text).map { [$0] }
            ?? JudgeScoreScanner.textCandidates(in: text)
        guard let best = candidates.map(\.source).max() else {
            if JudgeScoreScanner.isRefusal(text) {
                throw JudgeScoreFailure(kind: .refusal, message: "the judge declined to give a score", rawAnswer: answer)
            }
            throw JudgeScoreFailure(kind: .unparseable, message: "no score found in the answer", rawAnswer: answer)
        }
        let chosen = try choose(from: candidates.filter { $0.source == best }, answer: answer)
        return try checked(chosen, answer: answer)
    }

    /// The one score among candidates of the same kind, or an `ambiguous` failure.
    private func choose(from candidates: [JudgeScoreCandidate], answer: String) throws(JudgeScoreFailure)
        -> JudgeScoreCandidate {
        if Set(candidates.map(\.value)).count == 1 {
            // The same score written twice; keep the occurrence that states its maximum.
            return candidates.first { $0.outOf != nil } ?? candidates[0]
        }
        let finals = candidates.filter(\.isFinal)
        if let final = finals.first, Set(finals.map(\.value)).count == 1 {
            return final
        }
        let values = candidates.map { Self.text($0.value) }.joined(separator: ", ")
        throw JudgeScoreFailure(
            kind: .ambiguous, message: "the answer gives several different scores (\(values))",
            rawAnswer: answer, candidates: candidates.map(\.value))
    }

    /// The candidate as a score, once its maximum and range have been checked.
    private func checked(_ candidate: JudgeScoreCandidate, answer: String) throws(JudgeScoreFailure) -> JudgeScore {
        let range = "\(Self.text(scale.lowerBound))–\(Self.text(scale.upperBound))"
        if let outOf = candidate.outOf, outOf != scale.upperBound {
            throw JudgeScoreFailure(
                kind: .scaleMismatch,
                message: "the score is given out of \(Self.text(outOf)), but the scale is \(range)",
                rawAnswer: answer, candidates: [candidate.value])
        }
        guard scale.contains(candidate.value) else {
            throw JudgeScoreFailure(
                kind: .outOfRange, message: "score \(Self.text(candidate.value)) is outside the scale \(range)",
                rawAnswer: answer, candidates: [candidate.value])
        }
        return JudgeScore(rawValue: candidate.value, value: normalized(candidate.value), evidence: candidate.evidence)
    }

    /// A score on the scale mapped to 0–1 when the parser normalizes, else unchanged.
    ///
    /// - Parameter value: A score on the scale.
    /// - Returns: The value to record.
    public func normalized(_ value: Double) -> Double {
        guard normalizes else { return value }
        let width = scale.upperBound - scale.lowerBound
        return width == 0 ? 1 : (value - scale.lowerBound) / width
    }

    /// A number as a judge would write it: `7` rather than `7.0`.
    static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int(value))
        }
        return String(value)
    }
}
