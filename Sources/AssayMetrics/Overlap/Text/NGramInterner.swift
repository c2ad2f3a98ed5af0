/// Assigns dense identifiers to n-grams of symbols, one order at a time.
///
/// An n-gram of order `n` is identified by the pair (identifier of its first `n - 1`
/// symbols, last symbol), and a unigram by (``unigramPrefix``, symbol). Identifiers are
/// therefore exact (two n-grams share one only if they are the same sequence) and every
/// order shares one dense numbering, so counts can live in flat arrays.
///
/// The metrics only compare n-grams within one segment, so callers ``reset()`` the table
/// for each segment; it then stays small enough to live in the processor's caches.
struct NGramInterner {
    /// The prefix that marks a unigram; no n-gram ever receives this identifier.
    static let unigramPrefix = UInt32.max

    private struct Slot {
        var key: UInt64
        var id: UInt32
        /// The slot is occupied only when this equals the table's generation, so that
        /// ``reset()`` need not clear the table.
        var stamp: UInt32
    }

    private var slots: [Slot]
    private var generation: UInt32 = 1
    private var mask: Int

    /// The number of distinct n-grams seen since the last reset.
    private(set) var count = 0

    /// Creates an empty interner.
    init(capacity: Int = 4096) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(key: 0, id: 0, stamp: 0), count: size)
        mask = size - 1
    }

    /// Forgets every n-gram; identifiers start again from 0.
    mutating func reset() {
        count = 0
        generation &+= 1
        if generation == 0 {
            for index in slots.indices { slots[index].stamp = 0 }
            generation = 1
        }
    }

    /// Replaces `ids` with the identifiers of the order-`order` n-grams of `symbols`, given
    /// `previous`, the identifiers of the order-`order - 1` n-grams (ignored for unigrams).
    mutating func extend(
        _ previous: [UInt32], with symbols: [UInt32], order: Int, into ids: inout [UInt32]
    ) {
        ids.removeAll(keepingCapacity: true)
        let newCount = symbols.count - order + 1
        guard newCount > 0 else { return }
        // Make room for every n-gram being new, so the table never grows mid-loop.
        while (count + newCount) * 2 > slots.count { grow() }
        ids.reserveCapacity(newCount)
        let generation = generation
        let mask = mask
        var next = UInt32(count)
        slots.withUnsafeMutableBufferPointer { slots in
            symbols.withUnsafeBufferPointer { symbols in
                previous.withUnsafeBufferPointer { previous in
                    for start in 0..<newCount {
                        let prefix = order == 1 ? Self.unigramPrefix : previous[start]
                        let key = UInt64(prefix) << 32 | UInt64(symbols[start + order - 1])
                        var slot = Self.slot(for: key, mask: mask)
                        while true {
                            if slots[slot].stamp != generation {
                                slots[slot] = Slot(key: key, id: next, stamp: generation)
                                ids.append(next)
                                next += 1
                                break
                            }
                            if slots[slot].key == key {
                                ids.append(slots[slot].id)
                                break
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
        count = Int(next)
    }

    @inline(__always)
    private static func slot(for key: UInt64, mask: Int) -> Int {
        let mixed = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 32)) & mask
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = Array(repeating: Slot(key: 0, id: 0, stamp: 0), count: size)
        let newMask = size - 1
        for old in slots where old.stamp == generation {
            var slot = Self.slot(for: old.key, mask: newMask)
            while newSlots[slot].stamp == generation { slot = (slot + 1) & newMask }
            newSlots[slot] = old
        }
        slots = newSlots
        mask = newMask
    }
}
