/// Deterministic pseudo-random numbers from a seed and the identity of a call.
///
/// The same inputs give the same number on every machine and every run (no `Hasher`, whose seed
/// changes per process): FNV-1a over the inputs' bytes, then the SplitMix64 finaliser to spread
/// the bits.
package struct SeededDraw: Sendable {
    private var state: UInt64

    /// Starts a draw from a seed.
    package init(seed: Int) {
        state = 0xcbf2_9ce4_8422_2325
        mix(UInt64(bitPattern: Int64(seed)))
    }

    /// Mixes a string into the state.
    package mutating func mix(_ text: String) {
        for byte in text.utf8 { mixByte(byte) }
        mixByte(0xFF)  // A separator, so ("ab", "c") and ("a", "bc") differ.
    }

    /// Mixes an integer into the state.
    package mutating func mix(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { mixByte(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Mixes an integer into the state.
    package mutating func mix(_ value: Int) {
        mix(UInt64(bitPattern: Int64(value)))
    }

    private mutating func mixByte(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// The next 64 pseudo-random bits; each call advances the state.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    package mutating func unit() -> Double {
        Double(next() >> 11) / Double(UInt64(1) << 53)
    }

    /// An index in `0..<count` (`count` > 0).
    package mutating func index(below count: Int) -> Int {
        Int(next() % UInt64(count))
    }
}
