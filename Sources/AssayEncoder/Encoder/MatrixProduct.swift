import COpenBLAS

/// Single-precision matrix products on row-major matrices, computed by BLAS `sgemm`.
enum MatrixProduct {
    /// Makes every BLAS call run on the thread that makes it.
    ///
    /// The encoder parallelises over groups of sequences itself (``ParallelWork``). BLAS threads on
    /// top of that would compete with those workers for the same cores, and OpenBLAS threads
    /// spin while waiting for work, which costs most when cores are few. Runs once per process.
    static func useCallingThreadOnly() {
        _ = callingThreadOnly
    }

    private static let callingThreadOnly: Void = openblas_set_num_threads(1)

    /// Computes `c = alpha · a · bᵀ + beta · c`, where `a` is `m × k`, `b` is `n × k` and `c` is `m × n`.
    ///
    /// The leading dimensions are row strides, so sub-matrices of wider rows can be used in place.
    static func multiplyTransposed(
        m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, rowStrideA: Int,
        b: UnsafePointer<Float>, rowStrideB: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, rowStrideC: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(rowStrideA), b, Int32(rowStrideB), beta, c, Int32(rowStrideC))
    }

    /// Computes `c = alpha · a · b + beta · c`, where `a` is `m × k`, `b` is `k × n` and `c` is `m × n`.
    static func multiply(
        m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, rowStrideA: Int,
        b: UnsafePointer<Float>, rowStrideB: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, rowStrideC: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(rowStrideA), b, Int32(rowStrideB), beta, c, Int32(rowStrideC))
    }
}
