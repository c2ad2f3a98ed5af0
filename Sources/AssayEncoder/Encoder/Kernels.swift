import AssayEncoderKernels
import AssayEncoderKernelsAVX512
import Foundation

/// The element-wise and attention kernels of the forward pass, in the widest variant the CPU runs.
///
/// Swift code is compiled for the baseline of its architecture (SSE2 on x86-64), where sixteen
/// floats take four instructions. On CPUs with AVX-512 the same kernels run from
/// `AssayEncoderKernelsAVX512`, compiled for those instructions, with fused multiply-adds; results
/// differ from the baseline's by rounding only (a few units in the last place).
///
/// The choice is made once per process. `ASSAY_ENCODER_KERNELS=baseline` in the environment forces
/// the baseline, to compare the two.
enum Kernels {
    /// The kernel variants.
    enum Variant: String, Sendable {
        case baseline
        case avx512
    }

    /// The variant this process uses.
    static let variant: Variant = {
        if ProcessInfo.processInfo.environment["ASSAY_ENCODER_KERNELS"] == Variant.baseline.rawValue {
            return .baseline
        }
        return CPUFeatures.current.supportsAVX512Kernels ? .avx512 : .baseline
    }()

    /// GELU in place.
    static func gelu(_ values: UnsafeMutablePointer<Float>, count: Int) {
        switch variant {
        case .avx512: AVX512Kernels.gelu(values, count: count)
        case .baseline: GELUKernel.apply(to: values, count: count, fused: false)
        }
    }

    /// Adds `bias` to every row of `rows × width` values and applies GELU, in place.
    static func gelu(_ values: UnsafeMutablePointer<Float>, rows: Int, width: Int, adding bias: UnsafePointer<Float>) {
        switch variant {
        case .avx512: AVX512Kernels.gelu(values, rows: rows, width: width, adding: bias)
        case .baseline: GELUKernel.apply(to: values, rows: rows, width: width, adding: bias, fused: false)
        }
    }

    /// The attention context of one sequence (see `AttentionKernel`).
    static func attend(
        queryKeyValue: UnsafePointer<Float>, length: Int, headCount: Int, headSize: Int, scaling: Float,
        scratch: UnsafeMutablePointer<Float>, context: UnsafeMutablePointer<Float>
    ) {
        switch variant {
        case .avx512:
            AVX512Kernels.attend(
                queryKeyValue: queryKeyValue, length: length, headCount: headCount, headSize: headSize,
                scaling: scaling, scratch: scratch, context: context)
        case .baseline:
            AttentionKernel.attend(
                queryKeyValue: queryKeyValue, length: length, headCount: headCount, headSize: headSize,
                scaling: scaling, scratch: scratch, context: context, fused: false)
        }
    }

    /// Layer normalisation of `rows × width` values in place, after adding `bias` and `residual`
    /// when given (see `LayerNormKernel`).
    static func normalize(
        _ values: UnsafeMutablePointer<Float>, rows: Int, width: Int,
        scale: UnsafePointer<Float>, shift: UnsafePointer<Float>, epsilon: Float,
        bias: UnsafePointer<Float>?, residual: UnsafePointer<Float>?
    ) {
        switch variant {
        case .avx512:
            AVX512Kernels.normalize(
                values, rows: rows, width: width, scale: scale, shift: shift, epsilon: epsilon,
                bias: bias, residual: residual)
        case .baseline:
            LayerNormKernel.apply(
                to: values, rows: rows, width: width, scale: scale, shift: shift, epsilon: epsilon,
                bias: bias, residual: residual)
        }
    }
}
