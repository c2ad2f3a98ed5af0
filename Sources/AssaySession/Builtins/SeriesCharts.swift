import AssayEvaluation
import AssayLanguage

/// `scatter` and `line`: points from two lists, from paths over records (one series per value
/// of `by`), or two runs' per-case scores of one metric (the run-vs-run chart).
enum SeriesCharts {
    static func all(_ state: SessionState) -> [Builtin] {
        ["scatter", "line"].map { kind in
            Builtin(
                name: kind, usage: "\(kind)(xs, ys) · \(kind)(data, x: path, y: path, by: path) · \(kind)(run_a, run_b, metric)",
                summary: kind == "scatter"
                    ? "A scatter chart of points; of two runs, each case's metric in a against b (points above the diagonal improved)."
                    : "A line chart of points, one line per value of `by`, with a legend.",
                parameters: [.positional("data"), .positional("ys", required: false), .positional("metric", required: false),
                             .keyword("x"), .keyword("y"), .keyword("by"), .keyword("title")]
            ) { arguments, invoker throws(BuiltinFailure) in
                var chart = try chartOf(arguments, invoker, kind: kind)
                if let title = try arguments.string("title") { chart.title = title }
                return .object(chart)
            }
        }
    }

    static func chartOf(_ arguments: CallArguments, _ invoker: any Invoker, kind: String) throws(BuiltinFailure) -> Chart {
        let data = try arguments.required("data")
        if case .object(let a as RunObject) = data, case .object(let b as RunObject)? = arguments["ys"] {
            return try runVersusRun(a, b, metric: try arguments.string("metric"), kind: kind)
        }
        if let ys = arguments["ys"] {
            let xs = try MetricValues.numbers(data.listItems, function: kind)
            let yValues = try MetricValues.numbers(ys.listItems, function: kind)
            guard xs.count == yValues.count else {
                throw BuiltinFailure(message: "\(kind)() needs as many ys as xs (\(xs.count) xs, \(yValues.count) ys)", argument: "ys")
            }
            let points = zip(xs, yValues).map { Chart.Point(x: $0, y: $1) }
            return Chart(kind: kind, title: "\(kind) chart", series: [Chart.Series(name: "y", points: points)], xTitle: "x", yTitle: "y")
        }
        let (items, _) = try CollectionBuiltins.elements(arguments, "data")
        guard let yPath = arguments["y"] else {
            let ys = try MetricValues.numbers(items, function: kind)
            let points = ys.enumerated().map { Chart.Point(x: Double($0.offset), y: $0.element) }
            return Chart(kind: kind, title: "\(kind) chart", series: [Chart.Series(name: "value", points: points)], xTitle: "index", yTitle: "value")
        }
        let ySelector = try Selector(yPath, argument: "y")
        let xSelector = try arguments["x"].map { value throws(BuiltinFailure) in try Selector(value, argument: "x") }
        let bySelector = try arguments["by"].map { value throws(BuiltinFailure) in try Selector(value, argument: "by") }
        var series: [Chart.Series] = []
        for (index, item) in items.enumerated() {
            let yValue = try ySelector.apply(to: item, invoker)
            let xValue = try xSelector?.apply(to: item, invoker) ?? .integer(index)
            guard let y = yValue.numberValue, let x = xValue.numberValue else { continue }
            let name = try bySelector?.apply(to: item, invoker).plainText ?? "y"
            if let at = series.firstIndex(where: { $0.name == name }) {
                series[at].points.append(Chart.Point(x: x, y: y))
            } else {
                series.append(Chart.Series(name: name, points: [Chart.Point(x: x, y: y)]))
            }
        }
        func title(_ value: Value?, _ fallback: String) -> String {
            if case .string(let text)? = value { return text }
            return fallback
        }
        let yTitle = title(yPath, "y")
        return Chart(kind: kind, title: "\(yTitle) by \(title(arguments["x"], "index"))", series: series,
                     xTitle: title(arguments["x"], "index"), yTitle: yTitle)
    }

    /// Each paired case's metric (its samples reduced, as the comparison pairs them): a's value
    /// across, b's up, with the diagonal.
    static func runVersusRun(_ a: RunObject, _ b: RunObject, metric: String?, kind: String) throws(BuiltinFailure) -> Chart {
        let comparison: RunComparison
        do {
            comparison = try RunComparison(a: a.run, b: b.run, metric: metric)
        } catch {
            throw BuiltinFailure(message: error.message, hint: error.hint, argument: "metric", id: "compare.metric")
        }
        guard let focus = comparison.focus else {
            throw BuiltinFailure(message: "the runs share no scored cases", argument: "data", id: "compare.metric")
        }
        let points = focus.values.map { Chart.Point(x: $0.a, y: $0.b, label: $0.label) }
        let nameA = "a (\(a.record.name) \(a.record.idText.prefix(8)))", nameB = "b (\(b.record.name) \(b.record.idText.prefix(8)))"
        return Chart(kind: kind, title: "\(focus.name) per case: b against a", series: [Chart.Series(name: "cases", points: points)],
                     xTitle: "\(focus.name) in \(nameA)", yTitle: "\(focus.name) in \(nameB)", showsDiagonal: true)
    }
}
