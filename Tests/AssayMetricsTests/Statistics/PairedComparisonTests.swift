import AssayMetrics
import Testing

/// Paired comparisons: means, the difference with a bootstrap interval, and a sign-flip
/// p-value that is exact for small runs and calibrated for large ones.
@Suite("PairedComparison")
struct PairedComparisonTests {
    @Test("means and delta = mean(b) - mean(a)")
    func means() throws {
        let comparison = try #require(PairedComparison(a: [0.5, 0.6, 0.7], b: [0.6, 0.7, 0.9]))
        #expect(comparison.count == 3)
        #expect(abs(comparison.meanA - 0.6) < 1e-15)
        #expect(abs(comparison.meanB - 2.2 / 3) < 1e-15)
        #expect(abs(comparison.delta - 0.4 / 3) < 1e-15)
    }

    @Test("three improvements: exactly 2 of the 8 sign patterns are as extreme, p = 0.25")
    func exactSmall() throws {
        let comparison = try #require(PairedComparison(a: [0.5, 0.6, 0.7], b: [0.6, 0.7, 0.9]))
        #expect(comparison.isExact)
        #expect(comparison.pValue == 0.25)
    }

    @Test("five equal improvements: p = 2/32, and the interval is the single difference")
    func exactConstant() throws {
        let a = [0.1, 0.2, 0.3, 0.4, 0.5]
        let comparison = try #require(PairedComparison(a: a, b: a.map { $0 + 0.25 }))
        #expect(comparison.pValue == 2.0 / 32)
        #expect(abs(comparison.deltaConfidenceInterval.lower - 0.25) < 1e-12)
        #expect(abs(comparison.deltaConfidenceInterval.upper - 0.25) < 1e-12)
    }

    @Test("identical runs: delta 0, interval [0, 0], p = 1")
    func identical() throws {
        let values = (0..<200).map { Double($0 % 13) / 13 }
        let comparison = try #require(PairedComparison(a: values, b: values))
        #expect(comparison.delta == 0)
        #expect(comparison.deltaConfidenceInterval == ConfidenceInterval(lower: 0, upper: 0, level: 0.95))
        #expect(comparison.pValue == 1)
        #expect(!comparison.isExact)
    }

    @Test("a clear improvement on 100 cases: the interval excludes 0 and p is the smallest possible")
    func clearImprovement() throws {
        var generator = Xoshiro256StarStar(seed: 5)
        let a = (0..<100).map { _ in generator.nextDouble() }
        let b = a.map { $0 + 0.2 + 0.05 * (generator.nextDouble() - 0.5) }
        let comparison = try #require(PairedComparison(a: a, b: b))
        #expect(comparison.deltaConfidenceInterval.lower > 0.15)
        #expect(comparison.deltaConfidenceInterval.contains(comparison.delta))
        #expect(comparison.pValue == 1.0 / 1001)
    }

    @Test("the same seed reproduces the result, another seed changes it")
    func reproducible() throws {
        var generator = Xoshiro256StarStar(seed: 9)
        let a = (0..<60).map { _ in generator.nextDouble() }
        let b = (0..<60).map { _ in generator.nextDouble() }
        let first = try #require(PairedComparison(a: a, b: b, seed: 1))
        #expect(first == PairedComparison(a: a, b: b, seed: 1))
        let other = try #require(PairedComparison(a: a, b: b, seed: 2))
        #expect(first.deltaConfidenceInterval != other.deltaConfidenceInterval)
        #expect(first.pValue != other.pValue)
    }

    @Test("with no real difference, about 5% of comparisons have p < 0.05")
    func calibratedUnderNull() throws {
        var generator = Xoshiro256StarStar(seed: 31)
        var rejections = 0
        let trials = 300
        for trial in 0..<trials {
            let a = (0..<40).map { _ in generator.nextDouble() }
            let b = (0..<40).map { _ in generator.nextDouble() }
            let comparison = try #require(PairedComparison(a: a, b: b, resamples: 500, seed: UInt64(trial)))
            if comparison.pValue < 0.05 {
                rejections += 1
            }
        }
        let rate = Double(rejections) / Double(trials)
        #expect(rate >= 0.01 && rate <= 0.10, "rejection rate \(rate)")
    }

    @Test("runs of different lengths, or empty ones, cannot be compared")
    func invalidInput() {
        #expect(PairedComparison(a: [1, 2], b: [1]) == nil)
        #expect(PairedComparison(a: [], b: []) == nil)
    }

    /// The resampling spelled out the plain way: the bootstrap draws each resample's cases in
    /// order from the seed's generator, then the sign patterns take 64 signs from each draw
    /// (bit i mod 64, set: negated), summed in case order.
    static func reference(a: [Double], b: [Double], resamples: Int, seed: UInt64) -> (lower: Double, upper: Double, p: Double) {
        let differences = zip(a, b).map { $1 - $0 }
        var generator = Xoshiro256StarStar(seed: seed)
        var means: [Double] = []
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in differences.indices { sum += differences[generator.nextInt(below: differences.count)] }
            means.append(sum / Double(differences.count))
        }
        means.sort()
        func quantile(_ q: Double) -> Double {
            let position = Double(means.count - 1) * q
            let below = Int(position.rounded(.down)), above = min(below + 1, means.count - 1)
            return means[below] + (means[above] - means[below]) * (position - Double(below))
        }
        let observed = abs(differences.reduce(0, +)), tolerance = differences.reduce(0) { $0 + abs($1) } * 1e-12
        var hits = 0
        for _ in 0..<resamples {
            var sum = 0.0
            var bits: UInt64 = 0
            for (index, difference) in differences.enumerated() {
                if index % 64 == 0 { bits = generator.next() }
                sum += bits & 1 == 1 ? -difference : difference
                bits >>= 1
            }
            if abs(sum) >= observed - tolerance { hits += 1 }
        }
        let tail = (1 - 0.95) / 2
        return (quantile(tail), quantile(1 - tail), Double(hits + 1) / Double(resamples + 1))
    }

    @Test("the interval and the p-value over random sign patterns are exactly the resampling spelled out, whatever the length",
          arguments: [65, 128, 130, 1000])
    func resamplingIsTheSpelledOutOne(count: Int) throws {
        let a: [Double] = (0..<count).map { index in Double((index * 7) % 11) / 10 }
        let b: [Double] = (0..<count).map { index in
            let value = Double((index * 5 + 3) % 11) / 10
            return index % 9 == 0 ? value - 0.05 : value
        }
        for seed: UInt64 in [0, 7] {
            let comparison = try #require(PairedComparison(a: a, b: b, resamples: 200, seed: seed))
            let expected = Self.reference(a: a, b: b, resamples: 200, seed: seed)
            #expect(!comparison.isExact)
            #expect(comparison.deltaConfidenceInterval.lower == expected.lower)
            #expect(comparison.deltaConfidenceInterval.upper == expected.upper)
            #expect(comparison.pValue == expected.p)
        }
    }
}
