/// A fast, seedable pseudo-random number generator (xoshiro256** by Blackman and Vigna)
/// whose output depends only on its seed, on every platform and Swift version.
///
/// Use it wherever results must be reproducible, such as bootstrap intervals. The
/// helpers ``nextInt(below:)`` and ``nextDouble()`` are defined here rather than taken
/// from the standard library, so they cannot change between releases either. It is not
/// suitable for cryptography.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 42)
/// let die = generator.nextInt(below: 6) + 1
/// ```
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose state is expanded from `seed` with SplitMix64.
    ///
    /// - Parameter seed: Any value; equal seeds give equal sequences.
    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)
        state = (expander.next(), expander.next(), expander.next(), expander.next())
    }

    /// Creates a generator with an explicit state, which must not be all zero.
    ///
    /// - Parameter state: The four state words.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** needs a state that is not all zero")
        self.state = state
    }

    /// The next 64 random bits.
    ///
    /// - Returns: A value uniformly distributed over all `UInt64`s.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, by: 45)
        return result
    }

    /// A uniformly distributed integer in `0..<bound`, without modulo bias
    /// (Lemire's multiply-and-reject method).
    ///
    /// - Parameter bound: The exclusive upper bound; must be positive.
    /// - Returns: An integer in `0..<bound`.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "the bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A uniformly distributed `Double` in `[0, 1)` with 53 random bits.
    ///
    /// - Returns: A value in `[0, 1)`.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Two generators are equal when their states are.
    public static func == (lhs: Xoshiro256StarStar, rhs: Xoshiro256StarStar) -> Bool {
        lhs.state == rhs.state
    }

    /// Hashes the state.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(state.0)
        hasher.combine(state.1)
        hasher.combine(state.2)
        hasher.combine(state.3)
    }

    private func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }
}
