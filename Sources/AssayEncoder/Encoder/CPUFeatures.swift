import Foundation

/// The instruction-set extensions of the CPU, as the operating system reports them.
struct CPUFeatures: Sendable {
    /// The feature flags, as Linux spells them in `/proc/cpuinfo` (`avx2`, `avx512f`, …).
    let flags: Set<String>

    /// The features of the CPU this process runs on: on Linux the `flags` line of
    /// `/proc/cpuinfo`, which lists only features the kernel has enabled; elsewhere none.
    static let current = CPUFeatures(cpuinfo: (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "")

    /// Reads the first `flags` line of a `/proc/cpuinfo` text.
    init(cpuinfo: String) {
        let line = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }
        let values = line?.split(separator: ":", maxSplits: 1).dropFirst().first ?? ""
        flags = Set(values.split(separator: " ").map(String.init))
    }

    /// The features `AssayEncoderKernelsAVX512` is compiled for that code generation can use:
    /// the AVX-512 foundation with its CD, BW, DQ and VL extensions, and the AVX2-era scalar and
    /// vector extensions below them.
    static let avx512KernelFlags: Set<String> = [
        "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl",
        "avx", "avx2", "fma", "f16c", "bmi1", "bmi2", "abm", "movbe", "popcnt", "adx",
    ]

    /// Whether the AVX-512 kernels may run.
    var supportsAVX512Kernels: Bool {
        #if arch(x86_64)
        Self.avx512KernelFlags.isSubset(of: flags)
        #else
        false
        #endif
    }
}
