import AssayLanguage
import Foundation

extension CollectionBuiltins {
    /// The positions of `keys` in sorted order: nulls last either way, ties in their original
    /// order (so the sort is stable).
    ///
    /// When every key is a string, or every key an integer (nulls aside), the keys are compared
    /// as such from an array of their own: comparing through ``Value/compare(to:)`` copies and
    /// switches over two values per comparison, which made sorting a million cases take seconds.
    static func sortedPositions(_ keys: [Value], descending: Bool, by argument: String) throws(BuiltinFailure) -> [Int] {
        if let order = sortedASCII(keys, descending: descending) { return order }
        if let strings = plain(keys, { if case .string(let text) = $0 { text } else { nil } }) {
            return sorted(strings, descending: descending)
        }
        if let integers = plain(keys, { if case .integer(let number) = $0 { number } else { nil } }) {
            return sorted(integers, descending: descending)
        }
        var failure: BuiltinFailure?
        var order = Array(keys.indices)
        order.sort { left, right in
            switch (keys[left], keys[right]) {
            case (.null, .null): return left < right
            case (.null, _): return false
            case (_, .null): return true
            default: break
            }
            guard let comparison = keys[left].compare(to: keys[right]) else {
                failure = failure ?? BuiltinFailure(
                    message: "sort() cannot order \(keys[left].typeName) against \(keys[right].typeName)",
                    hint: "sort by a path or lambda that gives numbers or strings", argument: argument
                )
                return left < right
            }
            if comparison == 0 { return left < right }
            return descending ? comparison > 0 : comparison < 0
        }
        if let failure { throw failure }
        return order
    }

    /// The keys as `Key`s (nil for null), or nil when one is neither null nor a `Key`.
    private static func plain<Key>(_ keys: [Value], _ extract: (Value) -> Key?) -> [Key?]? {
        var result: [Key?] = []
        result.reserveCapacity(keys.count)
        for key in keys {
            if case .null = key {
                result.append(nil)
            } else if let plain = extract(key) {
                result.append(plain)
            } else {
                return nil
            }
        }
        return result
    }

    /// The positions of `keys` in a stable order by their own comparison, nulls last: the order
    /// every sort key gives, and the one the byte-wise sort of ASCII keys is held to (in tests).
    static func sorted<Key: Comparable>(_ keys: [Key?], descending: Bool) -> [Int] {
        var order = Array(keys.indices)
        order.sort { left, right in
            switch (keys[left], keys[right]) {
            case (nil, nil): return left < right
            case (nil, _): return false
            case (_, nil): return true
            case (let a?, let b?):
                if a == b { return left < right }
                return descending ? a > b : a < b
            }
        }
        return order
    }

    /// The order of keys that are all ASCII strings (nulls aside), compared as bytes; nil when
    /// one is not a string or not ASCII.
    ///
    /// For ASCII text, byte order is the order of `String` comparison, without its per-call
    /// work (a retain and release of each operand, checks of the strings' forms). The keys'
    /// bytes are copied into one buffer and sorted eight bytes at a time (``ByteKeyOrder``):
    /// a million inputs that share a long prefix were compared from their first byte each time.
    ///
    /// Read straight from the values, without an array of their strings first (for a million
    /// keys, a million more retains and releases).
    private static func sortedASCII(_ keys: [Value], descending: Bool) -> [Int]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(keys.reduce(0) { if case .string(let text) = $1 { $0 + text.utf8.count } else { $0 } })
        var starts: [Int] = []
        starts.reserveCapacity(keys.count + 1)
        var present: [Int] = []
        present.reserveCapacity(keys.count)
        var nulls: [Int] = []
        for (position, key) in keys.enumerated() {
            starts.append(bytes.count)
            if case .null = key { nulls.append(position); continue }
            guard case .string(var text) = key else { return nil }
            present.append(position)
            let first = bytes.count
            text.withUTF8 { bytes.append(contentsOf: $0) }
            guard bytes[first...].allSatisfy({ $0 < 0x80 }) else { return nil }
        }
        starts.append(bytes.count)
        let order = bytes.withUnsafeBufferPointer { buffer in
            ByteKeyOrder(bytes: buffer, starts: starts, descending: descending).sorted(present)
        }
        // Nulls last either way, in their original order.
        return order + nulls
    }
}

/// Orders byte strings held in one buffer, eight bytes at a time: the positions are sorted by
/// each one's first eight bytes (as a big-endian integer, so integer order is byte order) and how
/// many bytes it has left; each run of positions equal on both that goes on past those bytes is
/// then sorted by its next eight bytes, and so on. Ties (equal strings) keep the order of their
/// positions, so the result is what a stable sort comparing whole strings byte by byte gives.
struct ByteKeyOrder {
    /// The strings' bytes: string `p` is `bytes[starts[p]..<starts[p + 1]]`.
    let bytes: UnsafeBufferPointer<UInt8>
    let starts: [Int]
    let descending: Bool

    /// One string: its position, and the eight bytes of it from the offset of the run being
    /// sorted with how many it has from there (at most 9: 9 means it goes on). Sixteen bytes,
    /// so that sorting moves little.
    private struct Entry {
        var chunk: UInt64 = 0
        var remaining: UInt32 = 0
        let position: UInt32
    }

    /// `positions` (strings of `starts`, in the order they were given) in byte order.
    func sorted(_ positions: [Int]) -> [Int] {
        guard starts.count <= UInt32.max else {
            // Past what an entry's position holds: whole strings compared.
            return positions.sorted { left, right in
                let order = compare(left, right)
                return order != 0 ? (self.descending ? order > 0 : order < 0) : left < right
            }
        }
        var entries = positions.map { Entry(position: UInt32($0)) }
        // Runs still to sort: the range of entries and the offset into their strings. Every
        // string shares the first `commonPrefix` bytes, so sorting starts after them.
        var pending: [(range: Range<Int>, offset: Int)] = [(entries.indices, commonPrefix(of: entries))]
        let descending = self.descending
        var scratch: [Entry] = []
        while let (range, offset) = pending.popLast() {
            for index in range { load(&entries[index], at: offset) }
            if range.count >= Self.radixThreshold {
                radixSort(&entries, range, scratch: &scratch)
            } else {
                entries[range].sort { left, right in
                    if left.chunk != right.chunk { return descending ? left.chunk > right.chunk : left.chunk < right.chunk }
                    if left.remaining != right.remaining {
                        return descending ? left.remaining > right.remaining : left.remaining < right.remaining
                    }
                    return left.position < right.position
                }
            }
            var runStart = range.lowerBound
            while runStart < range.upperBound {
                var runEnd = runStart + 1
                while runEnd < range.upperBound, entries[runEnd].chunk == entries[runStart].chunk,
                      entries[runEnd].remaining == entries[runStart].remaining {
                    runEnd += 1
                }
                if runEnd - runStart > 1, entries[runStart].remaining > 8 { pending.append((runStart..<runEnd, offset + 8)) }
                runStart = runEnd
            }
        }
        return entries.map { Int($0.position) }
    }

    /// From how many entries a run is sorted by ``radixSort(_:_:scratch:)`` rather than by
    /// comparisons.
    static let radixThreshold = 1024

    /// Sorts `entries[range]` by chunk, then by remaining bytes (each descending when asked),
    /// keeping the order of entries equal on both: one counting pass per byte of the pair, the
    /// least significant first, each stable, skipping a byte that every entry has alike (the
    /// shared bytes of the chunks, most of `remaining`).
    ///
    /// A run's entries come in the order of their positions (the first run as given, each later
    /// one as a run of equal entries left them), so keeping the order of equal entries is the
    /// comparison sort's tie-break on positions. Sorting a million cases by their input took
    /// 15% less time this way than with the comparison sort (bench/README.md).
    private func radixSort(_ entries: inout [Entry], _ range: Range<Int>, scratch: inout [Entry]) {
        // Digit 0 is `remaining` (at most 9), digits 1...8 the chunk's bytes, low to high.
        var counts = [Int](repeating: 0, count: 9 * 256)
        for index in range {
            let entry = entries[index]
            counts[Int(entry.remaining)] += 1
            for byte in 0..<8 { counts[256 * (byte + 1) + Int(truncatingIfNeeded: entry.chunk >> (8 * byte)) & 0xFF] += 1 }
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: entries[range])
        var sourceIsScratch = true
        var offsets = [Int](repeating: 0, count: 256)
        for digit in 0..<9 {
            let histogram = counts[(256 * digit)..<(256 * digit + 256)]
            if histogram.contains(range.count) { continue }
            var next = 0
            for value in descending ? Array((0..<256).reversed()) : Array(0..<256) {
                offsets[value] = next
                next += histogram[256 * digit + value]
            }
            func digitValue(_ entry: Entry) -> Int {
                digit == 0 ? Int(entry.remaining) : Int(truncatingIfNeeded: entry.chunk >> (8 * (digit - 1))) & 0xFF
            }
            if sourceIsScratch {
                for index in 0..<range.count {
                    let entry = scratch[index]
                    let value = digitValue(entry)
                    entries[range.lowerBound + offsets[value]] = entry
                    offsets[value] += 1
                }
            } else {
                for index in 0..<range.count {
                    let entry = entries[range.lowerBound + index]
                    let value = digitValue(entry)
                    scratch[offsets[value]] = entry
                    offsets[value] += 1
                }
            }
            sourceIsScratch.toggle()
        }
        if sourceIsScratch {
            for index in 0..<range.count { entries[range.lowerBound + index] = scratch[index] }
        }
    }

    /// Strings `left` and `right` compared byte by byte: negative, zero or positive.
    private func compare(_ left: Int, _ right: Int) -> Int {
        let leftCount = starts[left + 1] - starts[left]
        let rightCount = starts[right + 1] - starts[right]
        guard let base = bytes.baseAddress else { return 0 }
        let order = Int(memcmp(base + starts[left], base + starts[right], min(leftCount, rightCount)))
        return order != 0 ? order : leftCount - rightCount
    }

    /// How many bytes every string starts with alike.
    private func commonPrefix(of entries: [Entry]) -> Int {
        guard let first = entries.first.map({ Int($0.position) }), let base = bytes.baseAddress else { return 0 }
        let firstStart = starts[first]
        var length = starts[first + 1] - firstStart
        for entry in entries.dropFirst() where length > 0 {
            let start = starts[Int(entry.position)]
            length = min(length, starts[Int(entry.position) + 1] - start)
            var same = 0
            while same < length, base[firstStart + same] == base[start + same] { same += 1 }
            length = same
        }
        return length
    }

    /// Sets the eight bytes of the entry's string from `offset` as a big-endian integer (zeros
    /// past its end), and how many bytes it has from `offset`, counting up to 9.
    ///
    /// Two strings with the same bytes before `offset` compare as these pairs do: a string that
    /// ends within the eight bytes has zeros after its end, so when the integers are equal, the
    /// other string's bytes there are zeros too, and the shorter one is a prefix of the longer.
    private func load(_ entry: inout Entry, at offset: Int) {
        let start = starts[Int(entry.position)] + offset
        let remaining = starts[Int(entry.position) + 1] - start
        entry.remaining = UInt32(max(0, min(remaining, 9)))
        guard remaining > 0, let base = bytes.baseAddress else {
            entry.chunk = 0
            return
        }
        if remaining >= 8 {
            entry.chunk = UInt64(bigEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
            return
        }
        var word: UInt64 = 0
        for index in 0..<8 {
            word <<= 8
            if index < remaining { word |= UInt64(base[start + index]) }
        }
        entry.chunk = word
    }
}
