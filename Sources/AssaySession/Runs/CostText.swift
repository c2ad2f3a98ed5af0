import AssayEvaluation
import AssayLanguage
import Foundation

/// How a run's cost reads: amounts in dollars, the cost line of a run's summary, and the record
/// at `r/cost`.
enum CostText {
    /// `$0`, `$1.25`, `$0.0123`, or for amounts under a hundredth of a cent two significant digits
    /// (`$0.0000090`).
    static func dollars(_ amount: Double) -> String {
        guard amount.isFinite, amount != 0 else { return "$0" }
        let magnitude = abs(amount)
        let decimals: Int
        if magnitude >= 1 {
            decimals = 2
        } else if magnitude >= 0.0001 {
            decimals = 4
        } else {
            decimals = min(12, Int(-log10(magnitude).rounded(.down)) + 1)
        }
        return "$" + String(format: "%.\(decimals)f", amount)
    }

    /// `cost $0.0123 for 48 requests; 12 answers from the cache cost nothing · budget $0.0125`,
    /// or nil when the run's model has no price.
    static func line(_ run: StoredRun, cost: RunCost) -> String? {
        guard let total = cost.total else { return nil }
        var line = "cost \(dollars(total)) for \(cost.requests) request\(cost.requests == 1 ? "" : "s")"
        if cost.cached > 0 {
            line += "; \(cost.cached) answer\(cost.cached == 1 ? "" : "s") from the cache cost nothing"
        }
        if cost.unmetered > 0 { line += "; \(cost.unmetered) without reported usage not counted" }
        if let limit = run.record.maxCost { line += " · budget \(dollars(limit))" }
        return line
    }
}
