/// Assigns dense identifiers (0, 1, 2, …) to distinct byte strings.
///
/// Tokens are compared byte for byte, as Python compares strings code point by code
/// point. Each distinct token is copied once into a shared arena, so interning a token
/// that was seen before allocates nothing.
struct ByteStringInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var slots: [UInt32]
    private var slotHashes: [UInt64]
    private var mask: Int

    private static let empty = UInt32.max

    /// The number of distinct strings seen so far.
    var count: Int { starts.count - 1 }

    /// Creates an empty interner.
    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Self.empty, count: size)
        slotHashes = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Returns the identifier of `bytes[start..<end]`, assigning the next one if it is new.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt32 {
        let hash = Self.hash(bytes, from: start, to: end)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let existing = slots[slot]
            if existing == Self.empty { break }
            if slotHashes[slot] == hash, equals(Int(existing), bytes, from: start, to: end) {
                return existing
            }
            slot = (slot + 1) & mask
        }
        let id = UInt32(count)
        arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        starts.append(arena.count)
        slots[slot] = id
        slotHashes[slot] = hash
        if count * 2 > slots.count { grow() }
        return id
    }

    /// Returns the identifier of a string given as bytes.
    mutating func intern(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { intern($0, from: 0, to: $0.count) }
    }

    /// The bytes of the string with identifier `id`.
    func bytes(of id: UInt32) -> ArraySlice<UInt8> {
        arena[starts[Int(id)]..<starts[Int(id) + 1]]
    }

    /// The length in bytes of the string with identifier `id`.
    func length(of id: UInt32) -> Int {
        starts[Int(id) + 1] - starts[Int(id)]
    }

    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        let storedStart = starts[id]
        guard starts[id + 1] - storedStart == end - start else { return false }
        var offset = 0
        while start + offset < end {
            if arena[storedStart + offset] != bytes[start + offset] { return false }
            offset += 1
        }
        return true
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = Array(repeating: Self.empty, count: size)
        var newHashes = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        for index in slots.indices where slots[index] != Self.empty {
            var slot = Int(truncatingIfNeeded: slotHashes[index]) & newMask
            while newSlots[slot] != Self.empty { slot = (slot + 1) & newMask }
            newSlots[slot] = slots[index]
            newHashes[slot] = slotHashes[index]
        }
        slots = newSlots
        slotHashes = newHashes
        mask = newMask
    }

    /// A fast 64-bit hash of a byte range (FNV-1a over 8-byte words, then a final mix).
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(end - start)
        var index = start
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        while index + 8 <= end {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x100_0000_01B3
            hash ^= hash >> 29
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < end {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
        return hash ^ (hash >> 32)
    }
}
