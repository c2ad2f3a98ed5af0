import Foundation

/// The `assay` executable built next to this test bundle by `swift build` / `swift test`.
enum BuiltExecutable {
    /// Its path, or nil when it has not been built.
    static var assay: String? {
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
        // On macOS the test binary sits inside `X.xctest/Contents/MacOS`.
        while folder.path.contains(".xctest") {
            folder.deleteLastPathComponent()
        }
        let candidate = folder.appendingPathComponent("assay").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }
}
