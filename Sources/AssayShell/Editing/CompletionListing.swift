/// What pressing Tab does with a set of matches: the text to insert and whether to list them.
struct CompletionListing: Equatable {
    /// The text that replaces what was typed, or nil to leave the line alone.
    var replacement: String?
    /// The matches to show below the line (empty when the completion is unambiguous).
    var shownMatches: [String]

    /// Plans a completion of `typed` (the text the matches replace).
    ///
    /// One match replaces the typed text. Several matches are listed, and their common prefix is
    /// inserted when it is longer than what was typed.
    init(matches: [String], typed: String) {
        var unique: [String] = []
        for match in matches where !unique.contains(match) {
            unique.append(match)
        }
        switch unique.count {
        case 0:
            replacement = nil
            shownMatches = []
        case 1:
            replacement = unique[0] == typed ? nil : unique[0]
            shownMatches = []
        default:
            let prefix = CompletionListing.commonPrefix(of: unique)
            let extendsTyped = prefix.hasPrefix(typed) && prefix.unicodeScalars.count > typed.unicodeScalars.count
            replacement = extendsTyped ? prefix : nil
            shownMatches = unique
        }
    }

    /// The longest prefix, in whole characters, that every string shares.
    static func commonPrefix(of strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            let characters = Array(string)
            var length = 0
            while length < min(prefix.count, characters.count), prefix[length] == characters[length] {
                length += 1
            }
            prefix.removeLast(prefix.count - length)
        }
        return String(prefix)
    }

    /// The matches laid out in columns, filled down then across, for a terminal `width` columns wide.
    static func columns(_ matches: [String], width: Int) -> [String] {
        guard !matches.isEmpty else { return [] }
        let gap = 2
        let cell = (matches.map(\.count).max() ?? 0) + gap
        // The last column needs no gap after it.
        let columnCount = max(1, (width + gap) / cell)
        let rowCount = (matches.count + columnCount - 1) / columnCount
        return (0..<rowCount).map { row in
            var line = ""
            for column in 0..<columnCount {
                let index = column * rowCount + row
                guard index < matches.count else { break }
                let match = matches[index]
                let isLast = (column + 1) * rowCount + row >= matches.count
                line += isLast ? match : match + String(repeating: " ", count: cell - match.count)
            }
            return line
        }
    }
}
