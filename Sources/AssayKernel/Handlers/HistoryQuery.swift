import AssayCore

/// What a `history_request` asks for.
package enum HistoryQuery: Sendable, Hashable {
    /// The last `count` entries (all when nil).
    case tail(count: Int?)
    /// Entries of a session from line `start` up to, not including, `stop` (to the end when nil).
    /// Session 0 is the current one; negative numbers count back from it.
    case range(session: Int, start: Int, stop: Int?)
    /// Entries whose input matches a glob pattern; `unique` keeps the latest of equal inputs and
    /// `count` keeps the last that many.
    case search(pattern: String, count: Int?, unique: Bool)

    /// Reads a request's content; nil for an unknown `hist_access_type`.
    package init?(content: JSONObject) {
        let count = content["n"]?.protocolInt
        switch content["hist_access_type"]?.stringValue {
        case "tail":
            self = .tail(count: count)
        case "range":
            self = .range(
                session: content["session"]?.protocolInt ?? 0, start: content["start"]?.protocolInt ?? 1,
                stop: content["stop"]?.protocolInt
            )
        case "search":
            self = .search(pattern: content["pattern"]?.stringValue ?? "*", count: count, unique: content["unique"]?.boolValue ?? false)
        default:
            return nil
        }
    }
}
