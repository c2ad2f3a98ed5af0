/// Splits a byte stream into server-sent events: blocks separated by a blank line, each with an
/// optional `event:` name and its `data:` lines joined by newlines; comments (`:`) are skipped.
struct ServerSentEvents {
    /// One event.
    struct Event: Sendable, Hashable {
        var name: String?
        var data: String
    }

    private var pending: [UInt8] = []

    /// The events completed by `bytes`, in order; an unfinished block waits for more bytes.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [Event] {
        pending.append(contentsOf: bytes.lazy.filter { $0 != UInt8(ascii: "\r") })
        var events: [Event] = []
        var start = 0
        var index = 0
        while index + 1 < pending.count {
            if pending[index] == UInt8(ascii: "\n"), pending[index + 1] == UInt8(ascii: "\n") {
                if let event = Self.event(String(decoding: pending[start..<index], as: UTF8.self)) { events.append(event) }
                start = index + 2
                index = start
            } else {
                index += 1
            }
        }
        pending.removeFirst(start)
        return events
    }

    private static func event(_ block: String) -> Event? {
        var name: String?
        var data: [String] = []
        for line in block.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix(":") {
            let (field, value) = line.firstIndex(of: ":").map { (line[..<$0], line[line.index(after: $0)...]) } ?? (line[...], ""[...])
            let text = value.hasPrefix(" ") ? String(value.dropFirst()) : String(value)
            switch field {
            case "event": name = text
            case "data": data.append(text)
            default: continue
            }
        }
        guard !data.isEmpty || name != nil else { return nil }
        return Event(name: name, data: data.joined(separator: "\n"))
    }
}
