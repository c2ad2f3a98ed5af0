@testable import AssayEncoder
import AssayEncoderKernels
import AssayEncoderKernelsAVX512
import Foundation
import Testing

/// Both variants of the element-wise and attention kernels: the baseline, and the AVX-512 build
/// where this CPU has it.
@Suite("Encoder kernels, baseline and AVX-512")
struct EncoderKernelTests {
    static let avx512 = CPUFeatures.current.supportsAVX512Kernels

    /// Deterministic values in [-2, 2).
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24) * 4 - 2
        }
    }

    /// Attention in double precision, straight from the definition.
    static func referenceAttention(_ qkv: [Float], length: Int, heads: Int, headSize: Int) -> [Double] {
        let width = heads * headSize
        var context = [Double](repeating: 0, count: length * width)
        for head in 0..<heads {
            for query in 0..<length {
                var scores = (0..<length).map { key in
                    (0..<headSize).reduce(0.0) { sum, column in
                        sum + Double(qkv[query * 3 * width + head * headSize + column])
                            * Double(qkv[key * 3 * width + width + head * headSize + column])
                    } / Double(headSize).squareRoot()
                }
                let maximum = scores.max()!
                scores = scores.map { exp($0 - maximum) }
                let total = scores.reduce(0, +)
                for column in 0..<headSize {
                    context[query * width + head * headSize + column] = (0..<length).reduce(0.0) { sum, key in
                        sum + scores[key] / total * Double(qkv[key * 3 * width + 2 * width + head * headSize + column])
                    }
                }
            }
        }
        return context
    }

    static func attention(_ qkv: [Float], length: Int, heads: Int, headSize: Int, avx512: Bool) -> [Float] {
        var context = [Float](repeating: .nan, count: length * heads * headSize)
        var scratch = [Float](
            repeating: .nan, count: AttentionKernel.scratchCount(length: length, headCount: heads, headSize: headSize))
        qkv.withUnsafeBufferPointer { qkv in
            scratch.withUnsafeMutableBufferPointer { scratch in
                context.withUnsafeMutableBufferPointer { context in
                    let scaling = 1 / Float(headSize).squareRoot()
                    if avx512 {
                        AVX512Kernels.attend(
                            queryKeyValue: qkv.baseAddress!, length: length, headCount: heads, headSize: headSize,
                            scaling: scaling, scratch: scratch.baseAddress!, context: context.baseAddress!)
                    } else {
                        AttentionKernel.attend(
                            queryKeyValue: qkv.baseAddress!, length: length, headCount: heads, headSize: headSize,
                            scaling: scaling, scratch: scratch.baseAddress!, context: context.baseAddress!, fused: false)
                    }
                }
            }
        }
        return context
    }

    @Test(
        "attention agrees with the definition in double precision to 2e-6",
        arguments: [(1, 32), (5, 32), (16, 32), (17, 64), (40, 24), (3, 7)])
    func attentionAgreesWithTheDefinition(length: Int, headSize: Int) {
        let heads = 3
        let qkv = Self.values(length * 3 * heads * headSize, seed: UInt64(length * 100 + headSize))
        let expected = Self.referenceAttention(qkv, length: length, heads: heads, headSize: headSize)
        for avx512 in Self.avx512 ? [false, true] : [false] {
            let context = Self.attention(qkv, length: length, heads: heads, headSize: headSize, avx512: avx512)
            let worst = zip(context, expected).map { abs(Double($0) - $1) }.max()!
            #expect(worst <= 2e-6, "\(avx512 ? "AVX-512" : "baseline"): worst difference \(worst)")
        }
    }

    @Test(
        "GELU variants agree with each other to 2e-7 relative to max(1, |x|), with and without a bias",
        .enabled(if: EncoderKernelTests.avx512, "this CPU has no AVX-512, so only the baseline runs here"))
    func geluVariantsAgree() {
        let width = 50
        let inputs = Self.values(7 * width, seed: 7).map { $0 * 4 }
        let bias = Self.values(width, seed: 8)
        var baseline = inputs
        var wide = inputs
        baseline.withUnsafeMutableBufferPointer { GELUKernel.apply(to: $0.baseAddress!, count: $0.count, fused: false) }
        wide.withUnsafeMutableBufferPointer { AVX512Kernels.gelu($0.baseAddress!, count: $0.count) }
        for (x, (a, b)) in zip(inputs, zip(baseline, wide)) {
            #expect(abs(a - b) <= 2e-7 * max(1, abs(x)), "GELU(\(x)): baseline \(a), AVX-512 \(b)")
        }
        var biasedBaseline = inputs
        var biasedWide = inputs
        bias.withUnsafeBufferPointer { bias in
            biasedBaseline.withUnsafeMutableBufferPointer {
                GELUKernel.apply(to: $0.baseAddress!, rows: 7, width: width, adding: bias.baseAddress!, fused: false)
            }
            biasedWide.withUnsafeMutableBufferPointer {
                AVX512Kernels.gelu($0.baseAddress!, rows: 7, width: width, adding: bias.baseAddress!)
            }
        }
        for index in inputs.indices {
            let x = Double(inputs[index] + bias[index % width])
            let exact = 0.5 * x * (1 + erf(x / 2.0.squareRoot()))
            #expect(abs(Double(biasedBaseline[index]) - exact) <= 5e-7 * max(1, abs(x)))
            #expect(abs(Double(biasedWide[index]) - exact) <= 5e-7 * max(1, abs(x)))
        }
    }

    @Test(
        "layer normalisation, after bias and residual, agrees with the definition to 1e-6 in both builds",
        arguments: [384, 37])
    func layerNormalisationAgreesWithTheDefinition(width: Int) {
        let rows = 5
        let values = Self.values(rows * width, seed: 11).map { $0 * 3 }
        let bias = Self.values(width, seed: 12)
        let residual = Self.values(rows * width, seed: 13)
        let scale = Self.values(width, seed: 14)
        let shift = Self.values(width, seed: 15)
        let epsilon: Float = 1e-12
        for avx512 in Self.avx512 ? [false, true] : [false] {
            var output = values
            output.withUnsafeMutableBufferPointer { output in
                if avx512 {
                    AVX512Kernels.normalize(
                        output.baseAddress!, rows: rows, width: width, scale: scale, shift: shift, epsilon: epsilon,
                        bias: bias, residual: residual)
                } else {
                    LayerNormKernel.apply(
                        to: output.baseAddress!, rows: rows, width: width, scale: scale, shift: shift, epsilon: epsilon,
                        bias: bias, residual: residual)
                }
            }
            for row in 0..<rows {
                let sums = (0..<width).map { Double(values[row * width + $0] + bias[$0] + residual[row * width + $0]) }
                let mean = sums.reduce(0, +) / Double(width)
                let variance = sums.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(width)
                for column in 0..<width {
                    let expected = (sums[column] - mean) / (variance + Double(epsilon)).squareRoot()
                        * Double(scale[column]) + Double(shift[column])
                    let actual = Double(output[row * width + column])
                    #expect(abs(actual - expected) <= 1e-6, "\(avx512 ? "AVX-512" : "baseline") [\(row), \(column)]")
                }
            }
        }
    }

    @Test("the AVX-512 kernels are chosen only when every feature they are built for is listed")
    func cpuFeatureCheck() {
        let all = "processor : 0\nflags\t\t: fpu " + CPUFeatures.avx512KernelFlags.sorted().joined(separator: " ") + " sse2\n"
        let missingVL = all.replacingOccurrences(of: " avx512vl", with: "")
        #if arch(x86_64)
        #expect(CPUFeatures(cpuinfo: all).supportsAVX512Kernels)
        #endif
        #expect(!CPUFeatures(cpuinfo: missingVL).supportsAVX512Kernels)
        #expect(!CPUFeatures(cpuinfo: "").supportsAVX512Kernels)
    }
}
