import AssayCore

/// The inputs a kernel ran with `store_history`, numbered by execution count, with their results.
///
/// History lives as long as the kernel process: one session, numbered ``session``.
package struct InputHistory: Sendable {
    /// One stored cell.
    package struct Entry: Sendable, Hashable {
        /// The execution count the cell ran under.
        package var line: Int
        /// The code.
        package var input: String
        /// The `text/plain` of its result, if it had one.
        package var output: String?

        /// Creates an entry.
        package init(line: Int, input: String, output: String? = nil) {
            self.line = line
            self.input = input
            self.output = output
        }
    }

    /// The number of this kernel's history session in replies.
    package static let session = 1

    /// The entries, oldest first.
    package private(set) var entries: [Entry] = []

    /// An empty history.
    package init() {}

    /// Stores a cell.
    package mutating func record(_ entry: Entry) {
        entries.append(entry)
    }

    /// The entries a query selects, oldest first.
    package func entries(for query: HistoryQuery) -> [Entry] {
        switch query {
        case .tail(let count):
            return last(count, of: entries)
        case .range(let session, let start, let stop):
            guard session == 0 || session == Self.session else { return [] }
            return entries.filter { entry in entry.line >= start && (stop.map { entry.line < $0 } ?? true) }
        case .search(let pattern, let count, let unique):
            let glob = GlobPattern(pattern)
            var found = entries.filter { glob.matches($0.input) }
            if unique {
                var seen = Set<String>()
                found = found.reversed().filter { seen.insert($0.input).inserted }.reversed()
            }
            return last(count, of: found)
        }
    }

    /// The `history` array of a `history_reply`: `[session, line, input]`, or with outputs
    /// `[session, line, [input, output]]`.
    package func reply(for query: HistoryQuery, includingOutput: Bool) -> JSONValue {
        .array(entries(for: query).map { entry in
            let source: JSONValue = includingOutput
                ? [.string(entry.input), entry.output.map(JSONValue.string) ?? .null]
                : .string(entry.input)
            return [.int(Self.session), .int(entry.line), source]
        })
    }

    private func last(_ count: Int?, of selected: [Entry]) -> [Entry] {
        guard let count else { return selected }
        return Array(selected.suffix(max(0, count)))
    }
}
