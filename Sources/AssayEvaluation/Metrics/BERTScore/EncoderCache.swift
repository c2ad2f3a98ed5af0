import AssayEncoder
import Foundation
import Synchronization

/// The encoders this process has loaded for BERTScore, by model folder, so that every run and
/// every `bertscore(…)` call share one copy of the weights.
///
/// An entry is keyed by the folder's path and the size and modification time of its
/// `model.safetensors`, so replacing the weights loads them again (and hashes them again).
/// Loading happens with the lock held, which makes each model load exactly once even when several
/// sessions ask at the same time; callers are session worker threads, never Swift concurrency
/// threads (run metrics receive an already loaded model when they are built).
enum EncoderCache {
    /// The files a model folder must hold.
    static let requiredFiles = ["config.json", "vocab.txt", "model.safetensors"]

    private static let loaded = Mutex<[String: LoadedEncoder]>([:])

    /// The model in a folder, loaded on first use.
    ///
    /// - Parameters:
    ///   - path: The model folder.
    ///   - entryName: The `models.json` name the folder came from, for messages; nil for a path
    ///     given directly.
    /// - Returns: The shared loaded model.
    /// - Throws: ``EncoderLoadFailure`` naming a missing file or what could not be read.
    static func model(at path: String, entryName: String?) throws(EncoderLoadFailure) -> LoadedEncoder {
        let directory = URL(fileURLWithPath: path).standardizedFileURL
        for file in requiredFiles {
            let filePath = directory.appendingPathComponent(file).path
            guard FileManager.default.fileExists(atPath: filePath) else {
                throw EncoderLoadFailure(missingFile: file, in: directory.path, entryName: entryName)
            }
        }
        let weightsPath = directory.appendingPathComponent("model.safetensors").path
        let attributes = try? FileManager.default.attributesOfItem(atPath: weightsPath)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let key = "\(directory.path)\n\(size)\n\(modified)"
        let result: Result<LoadedEncoder, EncoderLoadFailure> = loaded.withLock { models in
            if let model = models[key] { return .success(model) }
            do {
                let model = try LoadedEncoder(directory: directory)
                models[key] = model
                return .success(model)
            } catch {
                return .failure(EncoderLoadFailure(loading: directory.path, entryName: entryName, error: error))
            }
        }
        return try result.get()
    }
}
