import AssayMetrics
import Testing

/// The generator reproduces the published algorithms and is reproducible from a seed.
@Suite("Xoshiro256StarStar")
struct Xoshiro256StarStarTests {
    @Test("matches the reference xoshiro256** outputs for the state (1, 2, 3, 4)")
    func referenceOutputs() {
        var generator = Xoshiro256StarStar(state: (1, 2, 3, 4))
        #expect((0..<4).map { _ in generator.next() } == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
    }

    @Test("seeding expands the seed with SplitMix64 (seed 0 gives the state e220a839…, 6e789e6a…, …)")
    func seeding() {
        let seeded = Xoshiro256StarStar(seed: 0)
        let explicit = Xoshiro256StarStar(state: (
            0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC))
        #expect(seeded == explicit)
    }

    @Test("the same seed gives the same sequence, another seed a different one")
    func reproducible() {
        var first = Xoshiro256StarStar(seed: 2024)
        var second = Xoshiro256StarStar(seed: 2024)
        var other = Xoshiro256StarStar(seed: 2025)
        let a = (0..<100).map { _ in first.next() }
        #expect(a == (0..<100).map { _ in second.next() })
        #expect(a != (0..<100).map { _ in other.next() })
    }

    @Test("bounded integers stay in range and are roughly uniform")
    func boundedIntegers() {
        var generator = Xoshiro256StarStar(seed: 7)
        var counts = Array(repeating: 0, count: 6)
        for _ in 0..<60_000 {
            counts[generator.nextInt(below: 6)] += 1
        }
        // Expected 10,000 each; a fair die stays within ±400 with overwhelming probability.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 400 }, "\(counts)")
        #expect((0..<1000).allSatisfy { _ in generator.nextInt(below: 1) == 0 })
    }

    @Test("doubles lie in [0, 1) with mean about one half")
    func doubles() {
        var generator = Xoshiro256StarStar(seed: 11)
        let values = (0..<20_000).map { _ in generator.nextDouble() }
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(values.reduce(0, +) / 20_000 - 0.5) < 0.01)
    }
}
