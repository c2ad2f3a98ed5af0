extension BLEU {
    /// How BLEU treats n-gram orders without any match (Chen and Cherry, 2014).
    public enum Smoothing: Hashable, Sendable {
        /// No smoothing: an order without matches makes the score 0 (`none`).
        case none
        /// Method 1: an order without matches gets `value` matches (`floor`, default 0.1).
        case floor(Double = 0.1)
        /// Method 2: add `value` to the matches and totals of every order above 1
        /// (`add-k`, default 1).
        case addK(Double = 1)
        /// Method 3, the NIST smoothing of `mteval-v13a.pl`: the k-th order without
        /// matches counts as 1 / 2^k matches (`exp`, sacrebleu's default).
        case exponential

        /// The method's name in sacrebleu, such as `add-k`.
        public var name: String {
            switch self {
            case .none: "none"
            case .floor: "floor"
            case .addK: "add-k"
            case .exponential: "exp"
            }
        }

        /// The method as sacrebleu's signatures print it, such as `floor[0.10]`.
        var signatureName: String {
            switch self {
            case .none, .exponential: name
            case .floor(let value), .addK(let value): "\(name)[\(SacrebleuSignature.fixed2(value))]"
            }
        }
    }
}
