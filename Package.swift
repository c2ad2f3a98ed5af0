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
        .target(name: "AssayShell", dependencies: ["AssaySession"], swiftSettings: strict),
        .executableTarget(
            name: "assay",
            dependencies: [
                "AssaySession", "AssayShell",
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "AssayLanguageTests", dependencies: ["AssayLanguage"]),
        .testTarget(name: "AssayMetricsTests", dependencies: ["AssayMetrics"]),
        .testTarget(name: "AssayEvaluationTests", dependencies: ["AssayEvaluation"]),
        .testTarget(name: "AssaySessionTests", dependencies: ["AssaySession"]),
    ]
)
