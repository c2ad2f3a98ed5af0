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
        if let strings = plain(keys, { if case .string(let text) = $0 { text } else { nil } }) {
            return sortedASCII(strings, descending: descending) ?? sorted(strings, descending: descending)
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

    private static func sorted<Key: Comparable>(_ keys: [Key?], descending: Bool) -> [Int] {
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

    /// The order of string keys that are all ASCII, compared as bytes from one buffer; nil when
    /// one is not ASCII.
    ///
    /// For ASCII text, byte order is the order of `String` comparison, without its per-call
    /// work (a retain and release of each operand, checks of the strings' forms): sorting a
    /// million cases by their input spent more time there than comparing.
    private static func sortedASCII(_ keys: [String?], descending: Bool) -> [Int]? {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        starts.reserveCapacity(keys.count + 1)
        let isNull = keys.map { $0 == nil }
        for key in keys {
            starts.append(bytes.count)
            guard let key else { continue }
            let first = bytes.count
            bytes.append(contentsOf: key.utf8)
            guard bytes[first...].allSatisfy({ $0 < 0x80 }) else { return nil }
        }
        starts.append(bytes.count)
        var order = Array(keys.indices)
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            order.sort { left, right in
                switch (isNull[left], isNull[right]) {
                case (true, true): return left < right
                case (true, false): return false
                case (false, true): return true
                case (false, false): break
                }
                let leftCount = starts[left + 1] - starts[left]
                let rightCount = starts[right + 1] - starts[right]
                var comparison = Int(memcmp(base + starts[left], base + starts[right], min(leftCount, rightCount)))
                if comparison == 0 { comparison = leftCount - rightCount }
                if comparison == 0 { return left < right }
                return descending ? comparison > 0 : comparison < 0
            }
        }
        return order
    }
}
