import AssayCore
@testable import AssayEvaluation
import AssayMetrics
import Foundation
import Testing

/// Wilson score intervals against the reference table in Tests/Fixtures/wilson (Newcombe's
/// published examples, and values computed independently in Python).
@Suite("Wilson intervals")
struct WilsonIntervalTests {
    static let reference: JSONValue = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/wilson/reference.json")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? "{}"
        return (try? JSONValue.parse(text)) ?? .null
    }()

    static func check(_ group: String, defaultLevel: Double?) throws {
        let table = try #require(reference.objectValue?[group]?.objectValue)
        let tolerance = try #require(table["tolerance"]?.doubleValue)
        let cases = try #require(table["cases"]?.arrayValue)
        #expect(cases.count >= 4)
        for item in cases {
            let row = try #require(item.objectValue)
            let successes = try #require(row["successes"]?.intValue), n = try #require(row["n"]?.intValue)
            let level = try #require(row["level"]?.doubleValue ?? defaultLevel ?? table["level"]?.doubleValue)
            let interval = try #require(WilsonInterval(successes: successes, trials: n, level: level))
            let lower = try #require(row["lower"]?.doubleValue), upper = try #require(row["upper"]?.doubleValue)
            #expect(abs(interval.lower - lower) <= tolerance, "\(successes)/\(n) at \(level): lower \(interval.lower), not \(lower)")
            #expect(abs(interval.upper - upper) <= tolerance, "\(successes)/\(n) at \(level): upper \(interval.upper), not \(upper)")
        }
    }

    @Test("Newcombe's (1998) worked examples of the score interval, to the four decimals printed")
    func published() throws {
        try Self.check("published", defaultLevel: 0.95)
    }

    @Test("90%, 95% and 99% intervals computed independently, to 1e-9")
    func computed() throws {
        try Self.check("computed", defaultLevel: nil)
    }

    @Test("the normal quantiles behind them: 1.959963984540054 at 0.975, 0.8416212335729143 at 0.8")
    func quantiles() {
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(NormalDistribution.quantile(0.8) - 0.8416212335729143) < 1e-12)
        #expect(abs(NormalDistribution.quantile(0.5)) < 1e-15)
        #expect(NormalDistribution.quantile(0) == -.infinity && NormalDistribution.quantile(1.5).isNaN)
    }

    @Test("no interval without trials or with successes out of range")
    func invalid() {
        #expect(WilsonInterval(successes: 0, trials: 0) == nil)
        #expect(WilsonInterval(successes: 4, trials: 3) == nil)
    }
}
