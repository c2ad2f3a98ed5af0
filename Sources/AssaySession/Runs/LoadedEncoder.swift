import AssayEncoder
import AssayEvaluation
import Foundation

/// A model folder loaded for BERTScore: its tokenizer, all its layers, and its weights' SHA-256.
///
/// Every member is immutable and `Sendable`; ``Encoder`` and ``WordPieceTokenizer`` are value
/// types whose methods only read them, so concurrent cases may encode with the same model.
final class LoadedEncoder: Sendable {
    /// The model folder.
    let directory: URL
    /// The WordPiece tokenizer, limited to the encoder's positions.
    let tokenizer: WordPieceTokenizer
    /// The encoder with all its layers, so every `layers:` choice shares it.
    let encoder: Encoder
    /// The SHA-256 of `model.safetensors`, which keys the embedding cache.
    let modelSHA256: String

    init(directory: URL) throws {
        let encoder = try Encoder(modelDirectory: directory)
        var tokenizer = try WordPieceTokenizer(modelDirectory: directory)
        if tokenizer.maximumLength > encoder.configuration.maxPositions {
            tokenizer = try WordPieceTokenizer(modelDirectory: directory, maximumLength: encoder.configuration.maxPositions)
        }
        self.directory = directory
        self.tokenizer = tokenizer
        self.encoder = encoder
        self.modelSHA256 = try FileDigest.sha256(ofFileAt: directory.appendingPathComponent("model.safetensors").path)
    }
}
