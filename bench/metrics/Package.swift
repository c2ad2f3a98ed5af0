// swift-tools-version: 6.1
// The metrics benchmark: scores a generated corpus with AssayMetrics and times it.
// A package of its own so that the main package has no benchmark target; it uses the main
// package's AssayMetrics library product.
import PackageDescription

let package = Package(
    name: "MetricsBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Assay", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "MetricsBench",
            dependencies: [.product(name: "AssayMetrics", package: "Assay")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ]
)
