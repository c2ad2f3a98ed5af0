import AssaySession
import Foundation
import Testing

/// A session in a throwaway project folder whose run store and user configuration stay inside it.
struct RunSessionFixture {
    let session: Session
    let directory: URL

    /// A second session on the same folder and store, as another process would have.
    init(reopening other: RunSessionFixture) throws {
        directory = other.directory
        session = Session(options: SessionOptions(baseDirectory: directory.path, environment: Self.environment(directory)))
    }

    static func environment(_ directory: URL) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["ASSAY_HOME"] = directory.appendingPathComponent(".assay-home").path
        environment["XDG_CONFIG_HOME"] = directory.appendingPathComponent("config").path
        return environment
    }

    init(models: String? = nil) throws {
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assay-runs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("config"), withIntermediateDirectories: true)
        session = Session(options: SessionOptions(baseDirectory: directory.path, environment: Self.environment(directory)))
        if let models { try write("models.json", models) }
    }

    /// Runs a cell without blocking the calling thread.
    @discardableResult
    func run(_ code: String, events: EventRecorder = EventRecorder()) async -> Cell {
        let outcome = await session.execute(ExecutionRequest(code: code, origin: "<cell>", echo: .everyExpression)) { events.record($0) }
        return Cell(outcome: outcome, events: events)
    }

    /// Runs a cell that must succeed and returns the text of its last result.
    func value(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) async -> String {
        let cell = await run(code)
        #expect(cell.outcome == .success, "\(code): \(cell.events.errorLines.joined(separator: "\n"))", sourceLocation: sourceLocation)
        return cell.events.results.last?.plainText ?? ""
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// Writes a JSONL suite of `count` cases `c0` … with `input`, `expected` and a tag each.
    func writeCases(_ name: String = "cases.jsonl", count: Int, tags: [String] = ["easy", "hard"]) throws {
        let lines = (0..<count).map { index in
            #"{"id": "c\#(index)", "input": "question \#(index)", "expected": "the answer is \#(index)", "tags": ["\#(tags[index % tags.count])"]}"#
        }
        try write(name, lines.joined(separator: "\n") + "\n")
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// What one cell did.
    struct Cell {
        let outcome: ExecutionOutcome
        let events: EventRecorder

        /// What `print` wrote, line by line (results and progress displays left out).
        var printedLines: [String] {
            events.all.compactMap { event -> String? in
                if case .stream(.stdout, let text) = event { return text }
                return nil
            }.joined().split(separator: "\n").map(String.init)
        }

        /// Standard error text.
        var standardError: String {
            events.all.compactMap { event -> String? in
                if case .stream(.stderr, let text) = event { return text }
                return nil
            }.joined()
        }

        /// The progress reports shown, as their `done` counts.
        var progressDone: [Int] {
            events.all.compactMap { event -> Int? in
                switch event {
                case .display(let bundle, _), .updateDisplay(let bundle, _):
                    return bundle.progress?.done
                default:
                    return nil
                }
            }
        }
    }
}
