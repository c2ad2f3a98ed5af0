import COpenBLAS
import Foundation

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

    private static let callingThreadOnly: Void = {
        openblas_set_num_threads(1)
        // The pthread build of OpenBLAS starts a worker per core when it is loaded, and each
        // spins, yielding, for about 0.1 s before it sleeps: right when the model loads and the
        // weights are hashed. With one thread per call they are never needed, so they are
        // stopped. The function is exported but not declared in cblas.h, and other builds of
        // OpenBLAS may lack it, so it is looked up rather than linked.
        if let symbol = dlsym(nil, "blas_thread_shutdown_") {
            typealias Shutdown = @convention(c) () -> Int32
            _ = unsafeBitCast(symbol, to: Shutdown.self)()
        }
    }()

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
