import AssayEncoder
import Dispatch
import Foundation
import Synchronization

/// A model folder loaded for BERTScore: its tokenizer, all its layers, and its weights' fingerprint.
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
    /// The fingerprint of `model.safetensors`, computed on another core while the model loads and the
    /// first texts are tokenized.
    private let digest: BackgroundResult<String>

    /// Loads a model folder; called on a session's worker thread, which it may block.
    ///
    /// Hashing the weights file starts here and goes on in the background: the encoder reads the
    /// file through its own mapping, and the digest is only needed once the cache is consulted.
    init(directory: URL) throws {
        let weightsPath = directory.appendingPathComponent("model.safetensors").path
        let digest = BackgroundResult { try FileDigest.fingerprint(ofFileAt: weightsPath) }
        let encoder = try Encoder(modelDirectory: directory)
        var tokenizer = try WordPieceTokenizer(modelDirectory: directory)
        if tokenizer.maximumLength > encoder.configuration.maxPositions {
            tokenizer = try WordPieceTokenizer(modelDirectory: directory, maximumLength: encoder.configuration.maxPositions)
        }
        self.directory = directory
        self.tokenizer = tokenizer
        self.encoder = encoder
        self.digest = digest
    }

    /// The fingerprint of `model.safetensors`, which keys the embedding cache; waits (without
    /// holding a thread) until the background hashing has finished.
    ///
    /// - Throws: The error of reading the weights file.
    func modelDigest() async throws -> String {
        try await digest.value()
    }
}

/// A value computed on a global dispatch queue while the creating thread does other work.
private final class BackgroundResult<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, any Error>?>(nil)
    private let done = DispatchGroup()

    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async(group: done) {
            let outcome = Result { try work() }
            self.result.withLock { $0 = outcome }
        }
    }

    /// Waits for the value, without blocking a thread, and returns it or throws its error.
    func value() async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            done.notify(queue: .global()) {
                continuation.resume(with: self.result.withLock { $0! })
            }
        }
    }
}
