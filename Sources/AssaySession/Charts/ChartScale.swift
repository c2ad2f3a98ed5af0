import Foundation

/// Round tick values for an axis: steps of 1, 2 or 5 times a power of ten, covering the data.
struct ChartScale: Sendable, Hashable {
    var lower: Double
    var upper: Double
    var step: Double

    /// A scale over `low...high` with about `count` ticks; zero is included for bars, and counts
    /// step by whole numbers.
    init(low: Double, high: Double, count: Int = 5, includesZero: Bool = false, wholeNumbers: Bool = false) {
        var low = includesZero ? min(0, low) : low
        var high = includesZero ? max(0, high) : high
        if high <= low {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let rough = (high - low) / Double(max(1, count))
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let nice = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let step = wholeNumbers ? max(1, nice) : nice
        self.step = step
        self.lower = (low / step).rounded(.down) * step
        self.upper = (high / step).rounded(.up) * step
    }

    /// The tick values, from lower to upper.
    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...max(0, count)).map { lower + Double($0) * step }.map { ($0 / step).rounded() * step }
    }

    /// A tick's text: as many decimals as the step needs, no more.
    func text(_ value: Double) -> String {
        let decimals = max(0, Int((-log10(step)).rounded(.up)))
        let text = String(format: "%.\(decimals)f", value)
        return text == "-0" || text.hasPrefix("-0.") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// Where a value falls between 0 (lower) and 1 (upper).
    func fraction(_ value: Double) -> Double {
        (value - lower) / (upper - lower)
    }
}
