import AssayCore

/// A run's reduced case scores, one column per metric path in the order the paths first appear:
/// the values ``RunStatistics`` summarises.
///
/// A path's column holds one score per case that has the path, in the order of the cases' first
/// results, exactly as ``CaseScores/of(_:reducer:)`` reduces them; it is only built without the
/// per-case arrays. A case with one result (the usual run, without `samples:`) is read straight
/// from its metrics: the leaves are walked through a tree of the keys seen so far, so a value
/// costs a key comparison or two and an append, with no path array made for it. A case with several
/// samples goes through ``CaseScores`` itself, so the reducers live in one place. The results are
/// read field by field in place: copying a ``CaseResult`` retains every one of its strings and
/// arrays, which at a million results costs more than everything else here.
struct MetricColumns {
    /// The metric paths, in first-seen order.
    private(set) var paths: [[String]] = []
    /// Each path's scores, in the order of ``paths``.
    private(set) var columns: [[Double]] = []

    /// A node of the key tree: the path that leads to it, its children (indexed by key once there
    /// are more than ``indexThreshold``) and the column of the numbers found there, once there is one.
    private struct Node {
        var path: [String]
        var children: [(key: String, node: Int)] = []
        var index: [String: Int]?
        var column: Int?
    }

    /// Up to this many children a node's keys are compared one by one; beyond, looked up by hash.
    private static let indexThreshold = 16

    /// The key tree; node 0 is the root (the metrics object itself).
    private var nodes = [Node(path: [])]
    private let reducer: SampleReducer

    /// An empty collection, for results added one case at a time (``add(_:)``).
    ///
    /// - Parameter reducer: How a case's samples become its score.
    init(reducer: SampleReducer) {
        self.reducer = reducer
    }

    /// Collects the scores of a run's results.
    ///
    /// - Parameters:
    ///   - results: A run's case results.
    ///   - reducer: How a case's samples become its score.
    init(results: [CaseResult], reducer: SampleReducer) {
        self.reducer = reducer
        // The cases in the order of their first results; the later results of a case, by case.
        var caseOfID: [String: Int] = [:]
        caseOfID.reserveCapacity(results.count)
        var firstResults: [Int] = []
        var laterResults: [Int: [Int]] = [:]
        for index in results.indices {
            let id = results[index].caseID
            if let known = caseOfID.updateValue(firstResults.count, forKey: id) {
                caseOfID[id] = known
                laterResults[known, default: []].append(index)
            } else {
                firstResults.append(index)
            }
        }
        for (number, first) in firstResults.enumerated() {
            if let later = laterResults[number] {
                addSamples([results[first]] + later.map { results[$0] })
            } else {
                add(metrics: results[first].metrics, ttft: results[first].ttftMilliseconds,
                    tokensPerSecond: results[first].tokensPerSecond)
            }
        }
    }

    /// Adds the scores of one case: its results (one, or its samples in sample order), after the
    /// cases added before. Adding a run's cases one by one in the order of their first results
    /// gives the columns ``init(results:reducer:)`` gives.
    ///
    /// - Parameter results: The case's results.
    mutating func add(_ results: [CaseResult]) {
        if results.count == 1, let only = results.first {
            add(metrics: only.metrics, ttft: only.ttftMilliseconds, tokensPerSecond: only.tokensPerSecond)
        } else if !results.isEmpty {
            addSamples(results)
        }
    }

    /// Adds the scores of a case with several results, reduced by ``CaseScores``.
    private mutating func addSamples(_ samples: [CaseResult]) {
        for scores in CaseScores.of(samples, reducer: reducer) {
            for (path, score) in scores.reduced { append(score, at: node(for: path)) }
        }
    }

    /// Adds the scores of a case with one result: its metrics' numbers, then a streamed answer's
    /// timings at `ttft_ms` and `tokens_per_s` unless the metrics have a number there (the order
    /// and rule of ``RunStatistics/values(of:)``).
    private mutating func add(metrics: JSONObject, ttft: Double?, tokensPerSecond: Double?) {
        walk(metrics, node: 0)
        addTiming(ttft, named: "ttft_ms", metrics: metrics)
        addTiming(tokensPerSecond, named: "tokens_per_s", metrics: metrics)
    }

    /// Adds a streamed answer's timing at the top-level path `name`, when it is finite and the
    /// metrics have no number of that name.
    private mutating func addTiming(_ value: Double?, named name: String, metrics: JSONObject) {
        guard let value, value.isFinite, RunStatistics.number(at: [name], in: metrics) == nil else { return }
        addSample(value, at: child(of: 0, key: name))
    }

    /// Adds every number inside `object` (as ``RunStatistics/forEachNumber(in:prefix:_:)`` finds
    /// them) at the node of its path; `node` is the object's own.
    private mutating func walk(_ object: JSONObject, node: Int) {
        var position = 0
        for (key, member) in object {
            let child = child(of: node, key: key, hint: position)
            if case .object(let inner) = member {
                walk(inner, node: child)
            } else if let number = RunStatistics.leafNumber(member) {
                addSample(number, at: child)
            }
            position += 1
        }
    }

    /// Adds the one sample of a case at a node, reduced as one sample is.
    private mutating func addSample(_ value: Double, at node: Int) {
        guard let score = reducer.reduce(CollectionOfOne(value)) else { return }
        append(score, at: node)
    }

    /// Appends a case's score at a node, opening the node's column on the first.
    private mutating func append(_ score: Double, at node: Int) {
        if let column = nodes[node].column {
            columns[column].append(score)
        } else {
            nodes[node].column = columns.count
            paths.append(nodes[node].path)
            columns.append([score])
        }
    }

    /// The node of a path, made on the way where missing.
    private mutating func node(for path: [String]) -> Int {
        path.reduce(0) { node, key in child(of: node, key: key) }
    }

    /// The child of `node` under `key`, made when missing.
    private mutating func child(of node: Int, key: String, hint: Int? = nil) -> Int {
        if let found = existingChild(of: node, key: key, hint: hint) { return found }
        let made = nodes.count
        nodes.append(Node(path: nodes[node].path + [key]))
        nodes[node].children.append((key, made))
        if nodes[node].index != nil {
            nodes[node].index?[key] = made
        } else if nodes[node].children.count > Self.indexThreshold {
            nodes[node].index = Dictionary(nodes[node].children.map { ($0.key, $0.node) }, uniquingKeysWith: { first, _ in first })
        }
        return made
    }

    /// The child of `node` under `key`, if there is one. The results of a run mostly have the same
    /// metrics in the same order, so the child at the member's own position (`hint`) is tried
    /// first; then the children are scanned, or looked up in the node's index when it has many.
    private func existingChild(of node: Int, key: String, hint: Int?) -> Int? {
        let children = nodes[node].children
        if let hint, hint < children.count, children[hint].key == key { return children[hint].node }
        if let index = nodes[node].index { return index[key] }
        return children.first { $0.key == key }?.node
    }
}

/// The statistics of a run's results read one at a time in suite order then sample order, as the
/// run store gives them (``RunStore/forEachResult(of:scoresOnly:_:)``): only the scores and the
/// results of the case being read are held, so a run of a million results is summarised without
/// holding them. A case's results come together in that order (a suite's case ids are unique), so
/// the statistics are those of ``RunStatistics/init(results:reducer:)`` over the same results.
struct StatisticsCollector {
    private var columns: MetricColumns
    private var pending: [CaseResult] = []
    private let reducer: SampleReducer

    /// A collector of results reduced by `reducer`.
    init(reducer: SampleReducer) {
        self.reducer = reducer
        columns = MetricColumns(reducer: reducer)
    }

    /// Adds the next result.
    mutating func add(_ result: CaseResult) {
        if let first = pending.first, first.caseID != result.caseID {
            columns.add(pending)
            pending.removeAll(keepingCapacity: true)
        }
        pending.append(result)
    }

    /// The statistics of the results added.
    mutating func statistics() -> RunStatistics {
        columns.add(pending)
        pending.removeAll()
        return RunStatistics(columns: columns, reducer: reducer)
    }
}
