/// Finds configured names close to a misspelt one, for "did you mean" hints.
package enum NameSuggestion {
    /// The candidates within a small edit distance of `name`, closest first.
    ///
    /// The allowed distance grows with the name: one edit for names up to three characters, then
    /// about a third of the length, at most three, so `gtp4o` finds `gpt4o` but `x` finds nothing.
    package static func closest(to name: String, among candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let lowered = name.lowercased()
        let allowed = max(1, min(3, (lowered.count + 2) / 3))
        var scored: [(name: String, distance: Int)] = []
        for candidate in Set(candidates) where candidate != name {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= allowed { scored.append((candidate, distance)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        return scored.prefix(limit).map(\.name)
    }

    /// `did you mean 'a' or 'b'?`, or nil when nothing is close.
    package static func didYouMean(_ name: String, among candidates: some Sequence<String>) -> String? {
        let matches = closest(to: name, among: candidates)
        guard !matches.isEmpty else { return nil }
        return "did you mean " + matches.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }

    /// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
    /// two neighbouring characters each cost one.
    package static func editDistance(_ first: String, _ second: String) -> Int {
        let a = Array(first)
        let b = Array(second)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var twoRowsUp = [Int](repeating: 0, count: b.count + 1)
        var rowUp = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let substitution = rowUp[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                var best = min(rowUp[j] + 1, row[j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, twoRowsUp[j - 2] + 1)
                }
                row[j] = best
            }
            swap(&twoRowsUp, &rowUp)
            swap(&rowUp, &row)
        }
        return rowUp[b.count]
    }
}
