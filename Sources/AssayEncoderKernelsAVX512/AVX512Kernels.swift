import AssayEncoderKernels

/// The encoder's kernels compiled for CPUs with AVX-512 (the Skylake-AVX512 feature set, which
/// AMD Zen 4 and later also have), with fused multiply-adds.
///
/// This module is built with `-target-cpu skylake-avx512` on x86-64 (see Package.swift); the
/// kernels' bodies, inlined from `AssayEncoderKernels`, are compiled here with 512-bit vectors.
/// Nothing in it may run on a CPU without those features: callers check first (the encoder's
/// `Kernels` does, once per process).
public enum AVX512Kernels {
    /// GELU in place; see `GELUKernel.apply(to:count:fused:)`.
    public static func gelu(_ values: UnsafeMutablePointer<Float>, count: Int) {
        GELUKernel.apply(to: values, count: count, fused: true)
    }

    /// Bias then GELU on every row in place; see `GELUKernel.apply(to:rows:width:adding:fused:)`.
    public static func gelu(_ values: UnsafeMutablePointer<Float>, rows: Int, width: Int, adding bias: UnsafePointer<Float>) {
        GELUKernel.apply(to: values, rows: rows, width: width, adding: bias, fused: true)
    }

    /// The attention context of one sequence; see `AttentionKernel.attend`.
    public static func attend(
        queryKeyValue: UnsafePointer<Float>, length: Int, headCount: Int, headSize: Int, scaling: Float,
        scratch: UnsafeMutablePointer<Float>, context: UnsafeMutablePointer<Float>
    ) {
        AttentionKernel.attend(
            queryKeyValue: queryKeyValue, length: length, headCount: headCount, headSize: headSize, scaling: scaling,
            scratch: scratch, context: context, fused: true)
    }

    /// Layer normalisation of rows in place; see `LayerNormKernel.apply`.
    public static func normalize(
        _ values: UnsafeMutablePointer<Float>, rows: Int, width: Int,
        scale: UnsafePointer<Float>, shift: UnsafePointer<Float>, epsilon: Float,
        bias: UnsafePointer<Float>?, residual: UnsafePointer<Float>?
    ) {
        LayerNormKernel.apply(
            to: values, rows: rows, width: width, scale: scale, shift: shift, epsilon: epsilon,
            bias: bias, residual: residual)
    }
}
