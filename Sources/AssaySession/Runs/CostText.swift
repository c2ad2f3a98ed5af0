import AssayEvaluation
import AssayLanguage
import Foundation

/// How a run's cost reads (amounts in dollars are ``RunCost/dollars(_:)``): the cost line of a run's summary, and the record
/// at `r/cost`.
enum CostText {
    /// `cost $0.0123 for 48 requests; 12 answers from the cache cost nothing · budget $0.0125`,
    /// or nil when the run's model has no price.
    static func line(_ record: RunRecord, cost: RunCost) -> String? {
        guard let total = cost.total else { return nil }
        var line = "cost \(RunCost.dollars(total)) for \(cost.requests) request\(cost.requests == 1 ? "" : "s")"
        if cost.cached > 0 {
            line += "; \(cost.cached) answer\(cost.cached == 1 ? "" : "s") from the cache cost nothing"
        }
        if cost.unmetered > 0 { line += "; \(cost.unmetered) without reported usage not counted" }
        if let limit = record.maxCost { line += " · budget \(RunCost.dollars(limit))" }
        return line
    }
}
