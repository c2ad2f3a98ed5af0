import AssaySession
import Foundation
import Testing

/// Runs every `.assay` file under `Tests/Golden` and compares what it prints with the
/// expectations written in its comments (see `Tests/Golden/README.md`).
@Suite struct GoldenTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden").resolvingSymlinksInPath()

    static var files: [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".assay") { found.append(path) }
        }
        return found.sorted()
    }

    @Test("the golden folder covers the language features")
    func goldenFolderIsPopulated() {
        let features = Set(Self.files.map { $0.split(separator: "/").first.map(String.init) ?? "" })
        #expect(features.isSuperset(of: ["numbers", "strings", "collections", "records", "lambdas", "paths", "projection", "operators", "builtins", "diagnostics", "statements"]))
    }

    @Test("golden file prints what it expects", arguments: files)
    func goldenFile(_ relativePath: String) async throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(relativePath), encoding: .utf8)
        let expectation = GoldenExpectation(parsing: text)
        let session = Session(options: SessionOptions(baseDirectory: Self.root.path))
        let recorder = EventRecorder()
        _ = await session.execute(ExecutionRequest(code: text, origin: relativePath, echo: .everyExpression)) { recorder.record($0) }
        #expect(recorder.standardOutputLines == expectation.outputLines, "standard output of \(relativePath)")
        #expect(recorder.errorLines == expectation.errorLines, "diagnostic of \(relativePath)")
    }
}

/// The expectations written in a golden file's comments.
struct GoldenExpectation {
    var outputLines: [String] = []
    var errorLines: [String] = []

    init(parsing text: String) {
        var inErrorBlock = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if inErrorBlock {
                if line.hasPrefix("# ") { errorLines.append(String(line.dropFirst(2))) } else if line == "#" { errorLines.append("") }
                continue
            }
            if line.trimmingCharacters(in: .whitespaces) == "# expect error:" {
                inErrorBlock = true
            } else if let range = line.range(of: "# expect: ") {
                outputLines.append(String(line[range.upperBound...]))
            }
        }
    }
}
