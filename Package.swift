// swift-tools-version: 6.1
// Assay: a native workbench for evaluating LLM prompts and models.
//
// Dependencies point one way:
//   AssayCore       (nothing of ours; JSON, ordered members, did-you-mean, source positions)
//   AssayLanguage   -> AssayCore
//   AssayMetrics    -> AssayCore
//   AssayEvaluation -> AssayCore, AssayMetrics, AssayEncoder (the metric catalogue: every built-in
//                      metric, BERTScore's included, is built there from its stored spec; the run
//                      store, in SQLite through GRDB or in PostgreSQL through postgres-nio)
//   AssaySession    -> AssayCore, AssayLanguage, AssayEvaluation (and the metric libraries it
//                      exposes); its API shows no language types
//   AssayShell      -> AssaySession, CEditLine
//   AssayKernel     -> AssaySession, AssayCore, CZeroMQ
//   AssayEncoder    -> COpenBLAS, AssayEncoderKernels, AssayEncoderKernelsAVX512
//                      (BERT-family encoder, BERTScore)
//   AssayEncoderKernelsAVX512 -> AssayEncoderKernels (the same kernels built for AVX-512)
//   AssayMockServer -> AssayCore, AssayEvaluation (an OpenAI-compatible server for tests and
//                      offline use)
//   assay           -> everything above; argument parsing only
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// The encoder's kernels are optimised in debug builds too: unoptimised vector code is slower
/// than optimised scalar code, and the tests run the encoder on real data.
let kernels: [SwiftSetting] = strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]

/// The AVX-512 build of the encoder's kernels. Swift has no per-function target attributes, so
/// the wide variant is a module of its own built for that CPU level; the encoder calls it only
/// after checking the CPU (AssayEncoder's Kernels), and it holds no code that runs on its own.
#if arch(x86_64)
let avx512Kernels: [SwiftSetting] = kernels + [.unsafeFlags(["-target-cpu", "skylake-avx512"])]
#else
let avx512Kernels: [SwiftSetting] = kernels
#endif

let package = Package(
    name: "Assay",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "assay", targets: ["assay"]),
        .library(name: "AssayCore", targets: ["AssayCore"]),
        .library(name: "AssayLanguage", targets: ["AssayLanguage"]),
        .library(name: "AssayEvaluation", targets: ["AssayEvaluation"]),
        .library(name: "AssaySession", targets: ["AssaySession"]),
        .library(name: "AssayMockServer", targets: ["AssayMockServer"]),
        .library(name: "AssayMetrics", targets: ["AssayMetrics"]),
    ],
    dependencies: [
        .package(url: "https://github.com/stencilproject/Stencil.git", from: "0.15.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .target(name: "AssayCore", swiftSettings: strict),
        .target(name: "AssayLanguage", dependencies: ["AssayCore"], swiftSettings: strict),
        .target(name: "AssayMetrics", dependencies: ["AssayCore"], swiftSettings: strict),
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(name: "AssayEncoderKernels", swiftSettings: kernels),
        .target(name: "AssayEncoderKernelsAVX512", dependencies: ["AssayEncoderKernels"], swiftSettings: avx512Kernels),
        .target(
            name: "AssayEncoder",
            dependencies: ["COpenBLAS", "AssayEncoderKernels", "AssayEncoderKernelsAVX512"],
            swiftSettings: strict
        ),
        .target(
            name: "AssayEvaluation",
            dependencies: [
                "AssayCore",
                "AssayMetrics",
                "AssayEncoder",
                .product(name: "Stencil", package: "Stencil"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AssayMockServer",
            dependencies: [
                "AssayCore",
                "AssayEvaluation",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AssaySession",
            dependencies: ["AssayCore", "AssayLanguage", "AssayEvaluation", "AssayMetrics", "AssayEncoder"],
            swiftSettings: strict
        ),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "AssayShell", dependencies: ["AssaySession", "CEditLine"], swiftSettings: strict),
        .systemLibrary(name: "CZeroMQ", providers: [.apt(["libzmq3-dev"])]),
        .target(
            name: "AssayKernel",
            dependencies: [
                "AssaySession",
                "AssayCore",
                "CZeroMQ",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "assay",
            dependencies: [
                "AssayCore", "AssayLanguage", "AssayEvaluation", "AssaySession", "AssayShell", "AssayKernel", "AssayMockServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "AssayCoreTests", dependencies: ["AssayCore"]),
        .testTarget(name: "AssayLanguageTests", dependencies: ["AssayLanguage", "AssayCore"]),
        .testTarget(name: "AssayMetricsTests", dependencies: ["AssayMetrics"]),
        .testTarget(
            name: "AssayEvaluationTests",
            dependencies: [
                "AssayCore", "AssayEvaluation", "AssayMockServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "AssayMockServerTests",
            dependencies: [
                "AssayMockServer", "AssayEvaluation", "AssayCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "AssaySessionTests", dependencies: ["AssaySession", "AssayCore", "AssayEvaluation", "AssayMetrics", "AssayMockServer"]),
        .testTarget(
            name: "AssayEncoderTests",
            dependencies: ["AssayEncoder", "AssayEncoderKernels", "AssayEncoderKernelsAVX512"]
        ),
        .testTarget(name: "AssayShellTests", dependencies: ["AssayShell"]),
        .testTarget(name: "AssayKernelTests", dependencies: ["AssayKernel", "AssayCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["assay"]),
    ]
)
