import AssayCore
import AssayEvaluation
import AssayLanguage

/// Builtins that draw charts.
enum ChartBuiltins {
    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "hist", usage: "hist(xs, path, bins: 10, title: …)",
                summary: "A histogram of numbers (or of a path over each element, e.g. a metric over a run's cases).",
                parameters: [.positional("xs"), .positional("path", required: false), .keyword("bins"), .keyword("title")]
            ) { arguments, invoker throws(BuiltinFailure) in
                let (items, pathText) = try MetricValues.items(arguments, invoker)
                let numbers = try MetricValues.numbers(items, function: "hist")
                let bins = try arguments.integer("bins") ?? 10
                guard (1...200).contains(bins) else { throw BuiltinFailure(message: "bins must be between 1 and 200", argument: "bins") }
                let title = try arguments.string("title") ?? pathText ?? "values"
                return .object(Chart.histogram(numbers, bins: bins, title: title))
            },
            Builtin(
                name: "bar", usage: "bar(data, label: path, value: path, title: …)",
                summary: "A bar chart of a record of numbers, or of a list of records by label and value paths.",
                parameters: [.positional("data"), .keyword("label"), .keyword("value"), .keyword("title")]
            ) { arguments, invoker throws(BuiltinFailure) in
                let data = try arguments.required("data")
                var bars: [Chart.Bar] = []
                switch data {
                case .record(let record):
                    for (key, item) in record.pairs {
                        guard let number = item.numberValue else { throw BuiltinFailure(message: "bar() needs numbers; '\(key)' is \(item.typeName)", argument: "data") }
                        bars.append(Chart.Bar(label: key, value: number))
                    }
                default:
                    let (items, _) = try CollectionBuiltins.elements(arguments, "data")
                    let label = try arguments["label"].map { value throws(BuiltinFailure) in try Selector(value, argument: "label") }
                    let value = try arguments["value"].map { value throws(BuiltinFailure) in try Selector(value, argument: "value") }
                    for (index, item) in items.enumerated() {
                        let text = try label?.apply(to: item, invoker).plainText ?? String(index)
                        let measured = try value?.apply(to: item, invoker) ?? item
                        guard let number = measured.numberValue else {
                            throw BuiltinFailure(message: "bar() needs a number for each element; element \(index) gave \(measured.typeName)", hint: "give value: a path or lambda to a number", argument: "value")
                        }
                        bars.append(Chart.Bar(label: text, value: number))
                    }
                }
                return .object(Chart(kind: "bar", title: try arguments.string("title") ?? "bar chart", bars: bars, valueLabel: "value"))
            },
        ]
    }
}

/// Numbers for charts and summaries: a list, or a path applied to each element.
///
/// A run gives its case results, and a path string over a run names a metric of each result
/// (`hist(r, "rouge/rougeL/f1")`), falling back to the result's own members (`"latency_ms"`).
enum MetricValues {
    static func items(_ arguments: CallArguments, _ invoker: any Invoker) throws(BuiltinFailure) -> ([Value], String?) {
        if case .object(let object as RunObject) = try arguments.required("xs") {
            return try runItems(object, arguments, invoker)
        }
        let (elements, _) = try CollectionBuiltins.elements(arguments, "xs")
        guard let path = arguments["path"] else { return (elements, nil) }
        let selector = try Selector(path, argument: "path")
        var results: [Value] = []
        for element in elements { results.append(try selector.apply(to: element, invoker)) }
        if case .string(let text) = path { return (results, text) }
        return (results, nil)
    }

    /// A run's results measured by a metric path (or a lambda over each result).
    private static func runItems(_ run: RunObject, _ arguments: CallArguments, _ invoker: any Invoker) throws(BuiltinFailure) -> ([Value], String?) {
        guard let path = arguments["path"] else {
            let names = RunComparison.leafPaths(of: run.run.results).map { $0.joined(separator: "/") }
            throw BuiltinFailure(
                message: "\(arguments.functionName)() of a run needs a metric path",
                hint: names.isEmpty ? "e.g. \"rouge/rougeL/f1\"" : "metrics: " + names.joined(separator: ", "), argument: "path"
            )
        }
        guard case .string(let text) = path else {
            let selector = try Selector(path, argument: "path")
            var results: [Value] = []
            for item in run.caseObjects { results.append(try selector.apply(to: item, invoker)) }
            return (results, nil)
        }
        let steps = try PathString(text, argument: "path")
        var results: [Value] = []
        var found = false
        for item in run.caseObjects {
            // A metric of the result first (`rouge/rougeL/f1`), then a member of it (`latency_ms`);
            // a result without it (e.g. a failed case) counts as null and is skipped.
            let metrics: Value = if case .object(let object) = item { object.member("metrics") ?? .null } else { .null }
            var value = try? steps.resolve(in: metrics, missingIsError: false)
            if value == nil { value = try steps.resolve(in: item, missingIsError: false) }
            if let value, value != .null { found = true }
            results.append(value ?? .null)
        }
        guard found || run.caseObjects.isEmpty else {
            let names = RunComparison.leafPaths(of: run.run.results).map { $0.joined(separator: "/") }
            let hint = Suggestion.didYouMean(text, among: names) ?? (names.isEmpty ? "the run has no scored results" : "metrics: " + names.joined(separator: ", "))
            throw BuiltinFailure(message: "no result of the run has the metric '\(text)'", hint: hint, argument: "path")
        }
        return (results, text)
    }

    static func numbers(_ items: [Value], function: String) throws(BuiltinFailure) -> [Double] {
        var numbers: [Double] = []
        for item in items {
            switch item {
            case .null: continue
            case .boolean(let flag): numbers.append(flag ? 1 : 0)
            default:
                guard let number = item.numberValue else {
                    throw BuiltinFailure(message: "\(function)() needs numbers, found \(item.typeName)", argument: "xs", id: "type.argument")
                }
                numbers.append(number)
            }
        }
        return numbers
    }
}
