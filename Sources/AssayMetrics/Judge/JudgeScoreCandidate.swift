/// A score found in a judge's answer, with how much it is to be trusted.
struct JudgeScoreCandidate: Hashable, Sendable {
    /// How explicit the place a score was found in is; a higher source wins over a lower one.
    enum Source: Int, Comparable, Sendable {
        /// The last line of the answer is a bare number.
        case bareNumber
        /// An unlabelled fraction such as `7/10` or `8 out of 10`.
        case fraction
        /// A `Rating:` or `Grade:` label.
        case otherLabel
        /// A `Score:` label, or any label introduced by "final", "overall" or "total".
        case scoreLabel
        /// A score member of a JSON object.
        case json

        static func < (lhs: Source, rhs: Source) -> Bool {
            lhs.rawValue < rhs.rawValue
        }
    }

    /// The number written as the score.
    var value: Double
    /// The maximum written with it (`10` in `7/10`), if any.
    var outOf: Double?
    /// Where it was found.
    var source: Source
    /// Whether its label says it is the final or overall one.
    var isFinal: Bool
    /// The matched text.
    var evidence: String
}
