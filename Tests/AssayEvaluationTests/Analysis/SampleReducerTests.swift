@testable import AssayEvaluation
import Testing

/// How a case's samples become its score: mean, majority, all, any and pass@k.
@Suite("Sample reducers")
struct SampleReducerTests {
    /// 1 − C(5−c, k)/C(5, k) for n = 5, worked out by hand from C(5, k) = 5, 10, 10, 5, 1 and
    /// C(4, k) = 4, 6, 4, 1, 0, C(3, k) = 3, 3, 1, 0, 0, C(2, k) = 2, 1, 0, 0, 0, C(1, k) = 1, 0, 0, 0, 0:
    /// row c, column k − 1, as a fraction.
    static let passAtKOfFive: [[(Double, Double)]] = [
        [(0, 5), (0, 10), (0, 10), (0, 5), (0, 1)],   // c = 0: nothing passes
        [(1, 5), (4, 10), (6, 10), (4, 5), (1, 1)],   // c = 1: 1 − 4/5, 1 − 6/10, 1 − 4/10, 1 − 1/5, 1 − 0
        [(2, 5), (7, 10), (9, 10), (5, 5), (1, 1)],   // c = 2: 1 − 3/5, 1 − 3/10, 1 − 1/10, 1, 1
        [(3, 5), (9, 10), (10, 10), (5, 5), (1, 1)],  // c = 3: 1 − 2/5, 1 − 1/10, 1, 1, 1
        [(4, 5), (10, 10), (10, 10), (5, 5), (1, 1)], // c = 4: 1 − 1/5, 1, 1, 1, 1
        [(5, 5), (10, 10), (10, 10), (5, 5), (1, 1)], // c = 5: everything passes
    ]

    @Test("pass@k equals 1 − C(n−c, k)/C(n, k) for n = 5, c = 0…5, k = 1…5")
    func passAtKClosedForm() {
        for c in 0...5 {
            for k in 1...5 {
                let (numerator, denominator) = Self.passAtKOfFive[c][k - 1]
                let estimate = SampleReducer.passAtK(n: 5, c: c, k: k)
                #expect(abs(estimate - numerator / denominator) < 1e-12, "n=5 c=\(c) k=\(k): \(estimate)")
                // The reducer reads c passing samples out of five values.
                let values = (0..<5).map { $0 < c ? 1.0 : 0.0 }
                #expect(abs((SampleReducer.passAt(k).reduce(values) ?? -1) - numerator / denominator) < 1e-12)
            }
        }
    }

    @Test("mean averages; majority, all and any read samples of at least 0.5 as passing")
    func reducers() {
        let values = [1.0, 0.0, 1.0, 0.0]
        #expect(SampleReducer.mean.reduce(values) == 0.5)
        #expect(SampleReducer.majority.reduce(values) == 0, "two of four is not more than half")
        #expect(SampleReducer.majority.reduce([1, 0, 1]) == 1)
        #expect(SampleReducer.all.reduce(values) == 0)
        #expect(SampleReducer.all.reduce([1, 0.75, 0.5]) == 1)
        #expect(SampleReducer.any.reduce([0, 0.4, 0.5]) == 1)
        #expect(SampleReducer.any.reduce([0, 0.4]) == 0)
        #expect(SampleReducer.mean.reduce([]) == nil)
    }

    @Test("reducers are read from their names, and a wrong name or k says what to write")
    func names() throws {
        #expect(try SampleReducer(name: "majority") == .majority)
        #expect(try SampleReducer(name: "pass@3") == .passAt(3))
        #expect(try SampleReducer(name: "pass_at(2)") == .passAt(2))
        #expect(SampleReducer.passAt(4).name == "pass@4")
        #expect(throws: SampleReducerError(message: "there is no reducer 'median'",
                                           hint: "reduce: takes \"mean\", \"majority\", \"all\", \"any\" or pass_at(k)")) {
            try SampleReducer(name: "median")
        }
        #expect(throws: SampleReducerError.self) { try SampleReducer(name: "pass@0") }
        #expect(throws: SampleReducerError(message: "pass@5 needs at least 5 samples per case, and the run has 3",
                                           hint: "set samples: 5 or more, or a smaller k")) {
            try SampleReducer.passAt(5).validate(samples: 3)
        }
    }
}
