// swift-tools-version: 6.1
// Assay: a native workbench for evaluating LLM prompts and models.
//
// Dependencies point one way:
//   AssayLanguage   (nothing of ours)
//   AssayMetrics    (nothing of ours)
//   AssayEvaluation -> AssayMetrics
//   AssaySession    -> AssayLanguage, AssayEvaluation
//   AssayShell      -> AssaySession, CEditLine
//   AssayKernel     -> AssaySession, CZeroMQ
//   AssayEncoder    -> COpenBLAS (BERT-family encoder, BERTScore)
//   assay           -> everything above; argument parsing only
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Assay",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "assay", targets: ["assay"]),
        .library(name: "AssayLanguage", targets: ["AssayLanguage"]),
        .library(name: "AssayEvaluation", targets: ["AssayEvaluation"]),
        .library(name: "AssaySession", targets: ["AssaySession"]),
    ],
    dependencies: [
        .package(url: "https://github.com/stencilproject/Stencil.git", from: "0.15.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        .target(name: "AssayLanguage", swiftSettings: strict),
        .target(name: "AssayMetrics", swiftSettings: strict),
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(name: "AssayEncoder", dependencies: ["COpenBLAS"], swiftSettings: strict),
        .target(
            name: "AssayEvaluation",
            dependencies: [
                "AssayMetrics",
                .product(name: "Stencil", package: "Stencil"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AssaySession",
            dependencies: ["AssayLanguage", "AssayEvaluation"],
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
                "CZeroMQ",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "assay",
            dependencies: [
                "AssaySession", "AssayShell", "AssayKernel",
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "AssayLanguageTests", dependencies: ["AssayLanguage"]),
        .testTarget(name: "AssayMetricsTests", dependencies: ["AssayMetrics"]),
        .testTarget(name: "AssayEvaluationTests", dependencies: ["AssayEvaluation"]),
        .testTarget(name: "AssaySessionTests", dependencies: ["AssaySession"]),
        .testTarget(name: "AssayEncoderTests", dependencies: ["AssayEncoder"]),
        .testTarget(name: "AssayShellTests", dependencies: ["AssayShell"]),
        .testTarget(name: "AssayKernelTests", dependencies: ["AssayKernel"]),
        .testTarget(name: "EndToEndTests", dependencies: ["assay"]),
    ]
)
