/// How a case's samples (`samples: n`) become the case's one score on each metric.
///
/// `mean` averages the samples' values. The others read each sample as passed or failed — passed
/// when its value is at least ``passThreshold`` (1 or `true` for `exact`, `contains`, `regex`) —
/// and give 1 or 0: `majority` when more than half of the samples passed, `all` when every one did,
/// `any` when one did. `pass@k` is the unbiased estimate of the chance that at least one of k
/// samples drawn without replacement from the n passes, 1 − C(n−c, k)/C(n, k) for c passing
/// samples. A run stores its reducer (``RunSpec/reduce``), so its summary and every rerun use it.
public enum SampleReducer: Sendable, Hashable {
    /// The mean of the samples' values (the default).
    case mean
    /// 1 when more than half of the samples passed.
    case majority
    /// 1 when every sample passed.
    case all
    /// 1 when at least one sample passed.
    case any
    /// The unbiased pass@k estimate.
    case passAt(Int)

    /// The value a sample must reach to pass.
    public static let passThreshold = 0.5

    /// The names a reducer is written with (`pass@k` stands for every k).
    public static let names = ["mean", "majority", "all", "any", "pass@k"]

    /// `mean`, `majority`, `all`, `any` or `pass@3`: how it is written and stored.
    public var name: String {
        switch self {
        case .mean: "mean"
        case .majority: "majority"
        case .all: "all"
        case .any: "any"
        case .passAt(let k): "pass@\(k)"
        }
    }

    /// Reads a reducer's name: `mean`, `majority`, `all`, `any`, `pass@3` or `pass_at(3)`.
    ///
    /// - Parameter name: The name.
    /// - Throws: ``SampleReducerError`` for another name or a k below 1.
    public init(name: String) throws(SampleReducerError) {
        let text = name.trimmingWhitespace()
        switch text {
        case "mean": self = .mean
        case "majority": self = .majority
        case "all": self = .all
        case "any": self = .any
        default:
            var digits: Substring?
            if text.hasPrefix("pass@") { digits = text.dropFirst(5) }
            if text.hasPrefix("pass_at("), text.hasSuffix(")") { digits = text.dropFirst(8).dropLast() }
            guard let digits else {
                throw SampleReducerError(message: "there is no reducer '\(text)'",
                                         hint: "reduce: takes \"mean\", \"majority\", \"all\", \"any\" or pass_at(k)")
            }
            guard let k = Int(digits), k >= 1 else {
                throw SampleReducerError(message: "pass@k needs a whole number k of at least 1, not '\(digits)'",
                                         hint: "e.g. pass_at(3), with at least 3 samples")
            }
            self = .passAt(k)
        }
    }

    /// Checks the reducer against a run's samples: pass@k needs at least k.
    ///
    /// - Parameter samples: Answers per case.
    /// - Throws: ``SampleReducerError`` when k is above `samples`.
    public func validate(samples: Int) throws(SampleReducerError) {
        if case .passAt(let k) = self, k > samples {
            throw SampleReducerError(message: "pass@\(k) needs at least \(k) samples per case, and the run has \(samples)",
                                     hint: "set samples: \(k) or more, or a smaller k")
        }
    }

    /// Whether a sample's value passes.
    public static func passes(_ value: Double) -> Bool {
        value >= passThreshold
    }

    /// The case's score from its samples' values; nil when it has none.
    ///
    /// - Parameter values: The values of the samples that were scored (an array, or one value as
    ///   `CollectionOfOne`).
    /// - Returns: The reduced score.
    public func reduce(_ values: some Collection<Double>) -> Double? {
        guard !values.isEmpty else { return nil }
        let passed = values.count { Self.passes($0) }
        switch self {
        case .mean: return values.reduce(0, +) / Double(values.count)
        case .majority: return 2 * passed > values.count ? 1 : 0
        case .all: return passed == values.count ? 1 : 0
        case .any: return passed > 0 ? 1 : 0
        case .passAt(let k): return Self.passAtK(n: values.count, c: passed, k: k)
        }
    }

    /// The unbiased pass@k estimator 1 − C(n−c, k)/C(n, k), computed as the product
    /// 1 − ∏_{i=n−c+1}^{n} (1 − k/i), which avoids the large binomial coefficients. With fewer
    /// samples than k (a case some of whose samples failed to run), k is taken as n.
    ///
    /// - Parameters:
    ///   - n: Samples.
    ///   - c: Passing samples (0…n).
    ///   - k: Draws.
    /// - Returns: The estimate, 0…1.
    public static func passAtK(n: Int, c: Int, k: Int) -> Double {
        let k = min(k, n)
        guard n > 0, c > 0 else { return 0 }
        if n - c < k { return 1 }
        var failAll = 1.0
        for i in (n - c + 1)...n { failAll *= 1 - Double(k) / Double(i) }
        return 1 - failAll
    }
}

/// A reducer that cannot be read or does not fit the run.
public struct SampleReducerError: Error, Sendable, Hashable {
    /// What went wrong.
    public let message: String
    /// What to write instead.
    public let hint: String
}
