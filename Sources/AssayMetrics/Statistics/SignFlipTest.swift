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
    ///
    /// Each pattern takes 64 signs from one draw of the generator, difference i the draw's bit
    /// i mod 64 (set: negated). A sign is flipped on the number's sign bit rather than chosen by a
    /// branch (negation is exactly that flip), and the sum is added up in the differences' order,
    /// so the p-value is the same for a seed whatever the loop is compiled into.
    func randomizedPValue(patterns: Int, generator: inout Xoshiro256StarStar) -> Double {
        var hits = 0
        let threshold = observed - tolerance
        differences.withUnsafeBufferPointer { values in
            let count = values.count
            for _ in 0..<patterns {
                var sum = 0.0
                var start = 0
                while start < count {
                    var bits = generator.next()
                    for index in start..<min(start + 64, count) {
                        sum += Double(bitPattern: values[index].bitPattern ^ ((bits & 1) << 63))
                        bits >>= 1
                    }
                    start += 64
                }
                if abs(sum) >= threshold {
                    hits += 1
                }
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
