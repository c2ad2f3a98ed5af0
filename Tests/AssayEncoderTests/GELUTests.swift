@testable import AssayEncoder
import Foundation
import Testing

@Suite("The vectorised GELU")
struct GELUTests {
    /// GELU in double precision with the C library's `erf`.
    static func exact(_ x: Float) -> Double {
        let x = Double(x)
        return 0.5 * x * (1 + erf(x / 2.0.squareRoot()))
    }

    @Test("agrees with the exact function to 5e-7 relative to max(1, |x|), also in a tail shorter than 16")
    func agreesWithExactGELU() {
        var inputs: [Float] = stride(from: Float(-10), through: 10, by: 0.00173).map { $0 }
        inputs += [-1e4, -200, -87, -9.3, -1e-7, 0, 1e-7, 9.3, 87, 200, 1e4, 3.5]
        var outputs = inputs
        outputs.withUnsafeMutableBufferPointer { Activation.gelu.apply(to: $0) }
        #expect(inputs.count % 16 != 0)
        var worst = 0.0
        for (x, y) in zip(inputs, outputs) {
            let error = abs(Double(y) - Self.exact(x)) / max(1, abs(Double(x)))
            worst = max(worst, error)
            #expect(error <= 5e-7, "GELU(\(x)) = \(y), exact \(Self.exact(x))")
        }
        #expect(worst > 0, "an approximation that equals the exact function everywhere would be suspicious")
    }

    @Test("is x for large positive x and 0 for large negative x")
    func saturates() {
        var values: [Float] = [-1e30, -50, 50, 1e30]
        values.withUnsafeMutableBufferPointer { Activation.gelu.apply(to: $0) }
        #expect(values[0] == 0 && values[1] == 0)
        #expect(values[2] == 50 && values[3] == 1e30)
    }
}
