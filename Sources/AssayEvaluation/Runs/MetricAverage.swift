import AssayCore

/// Averages metric values over the turns of a multi-turn case.
enum MetricAverage {
    /// Each metric's mean over the turns, for the metrics every turn has, in the first turn's order.
    static func mean(of turns: [JSONObject]) -> JSONObject {
        guard let first = turns.first else { return JSONObject() }
        var result = JSONObject()
        for (name, _) in first {
            let values = turns.compactMap { $0[name] }
            guard values.count == turns.count, let average = mean(values) else { continue }
            result[name] = average
        }
        return result
    }

    /// The mean of numbers (an integer when every value is an integer and the mean is whole); for
    /// objects, the mean of each member over the objects that have it; for text (a judge's raw
    /// answer), the last one.
    static func mean(_ values: [JSONValue]) -> JSONValue? {
        guard let first = values.first else { return nil }
        switch first {
        case .int, .double:
            let numbers = values.compactMap(\.doubleValue)
            guard numbers.count == values.count else { return nil }
            let average = numbers.reduce(0, +) / Double(numbers.count)
            let allIntegers = values.allSatisfy { if case .int = $0 { true } else { false } }
            if allIntegers, average == average.rounded(), abs(average) < 1e15 { return .int(Int(average)) }
            return .double(average)
        case .object:
            let objects = values.compactMap(\.objectValue)
            guard objects.count == values.count else { return nil }
            var result = JSONObject()
            for object in objects {
                for (key, _) in object where result[key] == nil {
                    if let average = mean(objects.compactMap { $0[key] }) { result[key] = average }
                }
            }
            return .object(result)
        case .string:
            return values.last
        default:
            return nil
        }
    }
}
