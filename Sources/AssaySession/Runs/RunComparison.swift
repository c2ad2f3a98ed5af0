import AssayCore
import AssayEvaluation
import AssayLanguage
import AssayMetrics

/// Two runs compared case by case: results are paired by case id and sample, and every metric
/// (every numeric leaf path of the case metrics) gets both means, the delta (b − a), a paired
/// bootstrap 95% interval of the delta and a sign-flip p-value (``PairedComparison``, seed 0), with
/// the cases that went down (regressed) and up (improved).
struct RunComparison {
    /// One metric's comparison.
    struct Entry {
        let path: [String]
        let statistics: PairedComparison
        /// Cases whose value is lower in b, then higher, as `id` (or `id#sample` for later samples).
        let regressed: [String]
        let improved: [String]

        var name: String { path.joined(separator: "/") }
    }

    let a: RunObject
    let b: RunObject
    let entries: [Entry]
    /// How many results were paired.
    let paired: Int
    /// Results that only one run has.
    let onlyInA: [String]
    let onlyInB: [String]
    /// The metric whose regressed and improved cases `c/regressed` and `c/improved` list.
    let focus: Entry?

    init(a: RunObject, b: RunObject, metric: String?) throws(BuiltinFailure) {
        self.a = a
        self.b = b
        let resultsB = Dictionary(b.run.results.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let keysA = Set(a.run.results.map(\.key))
        var pairs: [(CaseResult, CaseResult)] = []
        for result in a.run.results {
            if let other = resultsB[result.key] { pairs.append((result, other)) }
        }
        paired = pairs.count
        onlyInA = a.run.results.filter { resultsB[$0.key] == nil }.map { Self.label($0.key) }
        onlyInB = b.run.results.filter { !keysA.contains($0.key) }.map { Self.label($0.key) }
        var entries: [Entry] = []
        for path in Self.leafPaths(of: a.run.results + b.run.results) {
            var valuesA: [Double] = []
            var valuesB: [Double] = []
            var regressed: [String] = []
            var improved: [String] = []
            for (left, right) in pairs {
                guard let x = Self.number(at: path, in: left.metrics), let y = Self.number(at: path, in: right.metrics) else { continue }
                valuesA.append(x)
                valuesB.append(y)
                if y < x { regressed.append(Self.label(left.key)) } else if y > x { improved.append(Self.label(left.key)) }
            }
            guard let statistics = PairedComparison(a: valuesA, b: valuesB) else { continue }
            entries.append(Entry(path: path, statistics: statistics, regressed: regressed, improved: improved))
        }
        self.entries = entries
        if let metric {
            guard let entry = entries.first(where: { $0.name == metric }) else {
                let names = entries.map(\.name)
                let hint = Suggestion.didYouMean(metric, among: names) ?? (names.isEmpty ? "the runs share no scored cases" : "compared metrics: " + names.joined(separator: ", "))
                throw BuiltinFailure(message: "no paired results have the metric '\(metric)'", hint: hint, argument: "metric")
            }
            focus = entry
        } else {
            focus = entries.first
        }
    }

    /// `id`, or `id#2` for a later sample.
    static func label(_ key: CaseKey) -> String {
        key.sample == 0 ? key.caseID : "\(key.caseID)#\(key.sample)"
    }

    /// Every numeric leaf path of the results' metrics, in first-seen order.
    static func leafPaths(of results: [CaseResult]) -> [[String]] {
        var seen = Set<[String]>()
        var order: [[String]] = []
        for result in results {
            RunSummary.flatten(.object(result.metrics), prefix: []) { path, _ in
                if seen.insert(path).inserted { order.append(path) }
            }
        }
        return order
    }

    /// The number at a metric path (a Boolean as 0 or 1), if there is one.
    static func number(at path: [String], in metrics: JSONObject) -> Double? {
        var current = JSONValue.object(metrics)
        for step in path {
            guard let next = current.objectValue?[step] else { return nil }
            current = next
        }
        if case .bool(let flag) = current { return flag ? 1 : 0 }
        guard let number = current.doubleValue, number.isFinite else { return nil }
        return number
    }
}
