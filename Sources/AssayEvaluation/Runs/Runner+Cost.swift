import AssayCore
import Foundation

extension Runner {
    /// The budget a spec runs under, nil when it has no `max_cost` (or no price, which
    /// ``validate(_:)`` has refused already).
    static func budget(for spec: RunSpec, stored: [CaseResult]) -> CostBudget? {
        guard let limit = spec.maxCost, let price = spec.model.descriptor.price else { return nil }
        return CostBudget(limit: limit, price: price, stored: stored)
    }

    /// How a run that did not get all its results ended: interrupted when its task was cancelled,
    /// else at its budget when the budget held a request back.
    static func unfinishedStatus(budget: CostBudget?) async -> RunStatus {
        if Task.isCancelled { return .interrupted }
        if let budget, await budget.isExhausted { return .budgetExhausted }
        return .interrupted
    }

    /// The stored configuration and model descriptor with the resuming spec's `max_cost` and model
    /// price, or nil when neither changed.
    static func resumedConfiguration(of record: RunRecord, with spec: RunSpec) -> (configuration: JSONValue, model: JSONValue)? {
        let model = ConfigurationCoding.json(spec.model.descriptor)
        guard record.maxCost != spec.maxCost || record.model != model, var object = record.configuration.objectValue else { return nil }
        object["model"] = model
        object["max_cost"] = spec.maxCost.map(JSONValue.double)
        return (.object(object), model)
    }
}
