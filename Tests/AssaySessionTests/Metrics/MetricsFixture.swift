import AssaySession
import Foundation
import Testing

/// A session whose run store lives in a temporary folder (`ASSAY_HOME`), for the metric specs.
struct MetricsFixture {
    let session: Session
    let directory: URL

    init() {
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assay-metrics-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let home = directory.appendingPathComponent("home").path
        session = Session(options: SessionOptions(baseDirectory: directory.path, environment: ["ASSAY_HOME": home]))
    }

    /// A new session over the same folder and run store, as a later process would open it.
    init(reusing other: MetricsFixture) {
        directory = other.directory
        session = Session(options: SessionOptions(baseDirectory: directory.path, environment: ["ASSAY_HOME": directory.appendingPathComponent("home").path]))
    }

    /// The run store's file.
    var storePath: String { directory.appendingPathComponent("home").appendingPathComponent("runs.sqlite").path }

    /// Runs a cell and returns its outcome with what it printed and its error lines.
    @discardableResult
    func run(_ code: String) async -> (outcome: ExecutionOutcome, recorder: EventRecorder) {
        let recorder = EventRecorder()
        let outcome = await session.execute(ExecutionRequest(code: code, origin: "<cell>", echo: .lastExpression)) { recorder.record($0) }
        return (outcome, recorder)
    }

    /// Runs a cell that must succeed and returns its output.
    func output(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) async -> String {
        let (outcome, recorder) = await run(code)
        #expect(outcome == .success, "\(code) failed: \(recorder.errorLines.joined(separator: "\n"))", sourceLocation: sourceLocation)
        return recorder.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The number an expression prints.
    func number(_ expression: String, sourceLocation: SourceLocation = #_sourceLocation) async -> Double {
        let text = await output(expression, sourceLocation: sourceLocation)
        guard let value = Double(text) else {
            Issue.record("\(expression) printed \(text), not a number", sourceLocation: sourceLocation)
            return .nan
        }
        return value
    }

    /// The error message of a cell that must fail.
    func failure(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) async -> String {
        let (outcome, recorder) = await run(code)
        guard case .failure(let report) = outcome else {
            Issue.record("\(code) should have failed", sourceLocation: sourceLocation)
            return ""
        }
        return ([report.message] + recorder.errorLines).joined(separator: "\n")
    }
}
