/// Finds the names closest to a misspelt one, for "did you mean" hints.
///
/// Every hint in Assay comes from here (the language's unknown names and keys, templates' tags,
/// filters and fields, `models.json`, command-line options), so a typo is caught, or not, the
/// same way everywhere.
public enum Suggestion {
    /// How many edits a name may be away from a candidate to be suggested: about a third of its
    /// length, at least one and at most three (one up to three characters, two up to six, then
    /// three), so `rogue` finds `rouge` and `gtp4o` finds `gpt4o`, but `x` does not find `len`.
    ///
    /// - Parameter length: The number of characters of the misspelt name.
    /// - Returns: The largest edit distance allowed.
    public static func allowedDistance(forLength length: Int) -> Int {
        max(1, min(3, (length + 2) / 3))
    }

    /// The candidates within ``allowedDistance(forLength:)`` of `name`, closest first.
    ///
    /// Case is ignored when measuring, so `Input` is offered for `input`; a candidate equal to
    /// `name` is never offered. Candidates at the same distance come in alphabetical order.
    ///
    /// - Parameters:
    ///   - name: The misspelt name.
    ///   - candidates: The names that exist.
    ///   - limit: How many candidates to return at most.
    /// - Returns: Up to `limit` candidates.
    public static func closest(to name: String, among candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let lowered = name.lowercased()
        let allowed = allowedDistance(forLength: lowered.count)
        var scored: [(name: String, distance: Int)] = []
        for candidate in Set(candidates) where candidate != name {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= allowed { scored.append((candidate, distance)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        return scored.prefix(limit).map(\.name)
    }

    /// `did you mean 'a' or 'b'?` for the closest candidates, or nil when none is close.
    ///
    /// - Parameters:
    ///   - name: The misspelt name.
    ///   - candidates: The names that exist.
    /// - Returns: The sentence, or nil.
    public static func didYouMean(_ name: String, among candidates: some Sequence<String>) -> String? {
        let matches = closest(to: name, among: candidates)
        guard !matches.isEmpty else { return nil }
        return "did you mean " + matches.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }

    /// The optimal-string-alignment distance between two strings, by characters: insertions,
    /// deletions, substitutions and swaps of two neighbouring characters each cost one.
    ///
    /// - Parameters:
    ///   - first: One string.
    ///   - second: The other.
    /// - Returns: The number of edits.
    public static func editDistance(_ first: String, _ second: String) -> Int {
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
