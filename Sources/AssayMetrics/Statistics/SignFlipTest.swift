/// The paired sign-flip (approximate randomization) test behind ``PairedComparison``.
struct SignFlipTest {
    let differences: [Double]
    /// |Σ dᵢ|, the observed statistic (the mean's magnitude times n).
    private let observed: Double
    /// Sums are compared with this slack, so that a pattern whose sum equals the observed
    /// one up to rounding (summed in the same order, or exactly mirrored) counts as a hit.
    private let tolerance: Double

    init(differences: [Double]) {
        self.differences = differences
        observed = abs(differences.reduce(0, +))
        let scale = differences.reduce(0) { $0 + abs($1) }
        tolerance = scale * 1e-12
    }

    /// The share of all 2ⁿ sign patterns at least as extreme as the observed one.
    func exactPValue() -> Double {
        let patterns = 1 << differences.count
        var hits = 0
        for pattern in 0..<patterns where isAtLeastAsExtreme(signs: UInt64(pattern)) {
            hits += 1
        }
        return Double(hits) / Double(patterns)
    }

    /// (hits + 1) / (patterns + 1) over random sign patterns.
    func randomizedPValue(patterns: Int, generator: inout Xoshiro256StarStar) -> Double {
        var hits = 0
        for _ in 0..<patterns {
            var sum = 0.0
            var bits: UInt64 = 0
            for (index, difference) in differences.enumerated() {
                if index % 64 == 0 {
                    bits = generator.next()
                }
                sum += bits & 1 == 1 ? -difference : difference
                bits >>= 1
            }
            if abs(sum) >= observed - tolerance {
                hits += 1
            }
        }
        return Double(hits + 1) / Double(patterns + 1)
    }

    /// Bit i of `signs` set means difference i is negated.
    private func isAtLeastAsExtreme(signs: UInt64) -> Bool {
        var sum = 0.0
        for (index, difference) in differences.enumerated() {
            sum += (signs >> UInt64(index)) & 1 == 1 ? -difference : difference
        }
        return abs(sum) >= observed - tolerance
    }
}
