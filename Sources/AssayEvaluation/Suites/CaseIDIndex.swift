/// The ids of the cases collected so far, to find a repeated one: an open-addressing hash table
/// of positions in the cases array.
///
/// Hand-tuned for memory and speed: a dictionary from id to line held a million ids (strings and
/// lines, about 48 MB) while a large suite loaded. A slot here is 4 bytes, and a table of 2^k
/// slots, at most half full, holds each case's position plus one in its low k bits (0 when
/// empty) and 32 - k bits of its id's hash above them (11 bits for a million cases), so a probe
/// reads a case's id only when those bits match.
struct CaseIDIndex {
    private var slots = [UInt32](repeating: 0, count: 16)
    private var count = 0

    /// k, where the table has 2^k slots.
    private var slotBits: Int { slots.count.trailingZeroBitCount }

    /// Makes room for `capacity` ids without growing.
    mutating func reserveCapacity(_ capacity: Int) {
        guard count == 0, capacity * 2 > slots.count else { return }
        slots = [UInt32](repeating: 0, count: Self.size(for: capacity))
    }

    /// The number of slots for `capacity` ids: a power of two, at least twice as many.
    private static func size(for capacity: Int) -> Int {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        // Positions fill the low k bits of a 32-bit slot.
        precondition(size <= 1 << 32, "a suite holds at most 2^31 cases")
        return size
    }

    /// Adds the id of the case at `position` (the number of ids added so far), unless a case
    /// before it has the same id: then nothing is added and that case's position is returned.
    mutating func insert(_ position: Int, id: String, of cases: [TestCase]) -> Int? {
        assert(position == count, "ids are added in the order of their cases")
        if (count + 1) * 2 > slots.count { grow(cases) }
        let (start, tag) = place(id)
        let positionMask = UInt32(truncatingIfNeeded: slots.count - 1)
        var slot = start
        while slots[slot] != 0 {
            if slots[slot] & ~positionMask == tag {
                let other = Int(slots[slot] & positionMask) - 1
                if cases[other].id == id { return other }
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = tag | UInt32(position + 1)
        count += 1
        return nil
    }

    /// Where a probe for `id` starts (its hash's low k bits) and the bits of its hash kept in its
    /// slot (the next 32 - k, above the position).
    private func place(_ id: String) -> (slot: Int, tag: UInt32) {
        let hash = UInt(bitPattern: id.hashValue)
        let bits = slotBits
        let slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        // Shifting a 32-bit value by 32 gives 0: a table of 2^32 slots keeps no hash bits.
        let tag = UInt32(truncatingIfNeeded: hash >> bits) << UInt32(bits)
        return (slot, tag)
    }

    /// Doubles the table, placing each id again: a slot keeps too few of its hash's bits to say
    /// where it goes in a larger table.
    private mutating func grow(_ cases: [TestCase]) {
        let positionMask = UInt32(truncatingIfNeeded: slots.count - 1)
        let old = slots
        slots = [UInt32](repeating: 0, count: Self.size(for: slots.count))
        for entry in old where entry != 0 {
            let position = Int(entry & positionMask) - 1
            let placed = place(cases[position].id)
            var slot = placed.slot
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = placed.tag | UInt32(position + 1)
        }
    }
}
