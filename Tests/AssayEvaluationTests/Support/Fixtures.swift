import Foundation

/// Locates the shared test fixtures relative to this source file.
enum Fixtures {
    /// `Tests/Fixtures/suites`.
    static let suites = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // Support
        .deletingLastPathComponent() // AssayEvaluationTests
        .deletingLastPathComponent() // Tests
        .appendingPathComponent("Fixtures")
        .appendingPathComponent("suites")

    /// The path of a suite fixture.
    static func suite(_ name: String) -> String {
        suites.appendingPathComponent(name).path
    }
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("assay-evaluation-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to a file in the directory and returns its path.
    func write(_ text: String, to name: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The path of a file in the directory.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
