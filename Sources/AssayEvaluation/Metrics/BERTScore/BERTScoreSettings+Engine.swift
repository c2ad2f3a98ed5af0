import Foundation

extension BERTScoreSettings {
    /// The option names, for messages.
    package static let names = ["model", "layers", "idf"]

    /// Loads the chosen encoder and builds an engine over the environment's run store.
    ///
    /// - Throws: ``MetricBuildError`` for an unknown encoder (with a did-you-mean), a folder missing
    ///   a file, or a layer the model does not have.
    package func engine(environment: MetricEnvironment) throws(MetricBuildError) -> BERTScoreEngine {
        let resolved = try resolveModel(environment: environment)
        let entryName = resolved.entryName
        // A folder given directly is relative to the host's folder; entries are resolved already.
        let path = entryName == nil ? environment.resolvePath(resolved.path) : resolved.path
        let loaded: LoadedEncoder
        do {
            loaded = try EncoderCache.model(at: path, entryName: entryName)
        } catch {
            throw MetricBuildError(.unreadableEncoder, error.message, hint: error.hint)
        }
        let available = loaded.encoder.layerCount
        let layer = layers ?? available
        guard (0 ... available).contains(layer) else {
            throw MetricBuildError(
                .invalidOption,
                "layers must be between 0 and \(available) for \(entryName.map { "the encoder '\($0)'" } ?? "this model"), found \(layer)")
        }
        let store = environment.store
        return BERTScoreEngine(model: loaded, layers: layer, store: store, usage: EncoderUsage.forStore(store?.path))
    }

    /// The model folder and the `models.json` name it came from (nil for a folder given directly).
    private func resolveModel(environment: MetricEnvironment) throws(MetricBuildError) -> (path: String, entryName: String?) {
        if let model, model.contains("/") {
            return (model, nil)
        }
        let catalog = try environment.catalog()
        if let model {
            do {
                let entry = try catalog.encoder(named: model)
                return (entry.path, entry.name)
            } catch {
                throw MetricBuildError(.unknownEncoder, error.message, hint: error.hint)
            }
        }
        guard let entry = catalog.encoders.first(where: { $0.name == "bertscore" }) ?? catalog.encoders.first else {
            throw MetricBuildError(
                .unknownEncoder, "bertscore needs an encoder, and models.json names none",
                hint: "add {\"name\": \"minilm\", \"type\": \"ENCODER\", \"path\": \"…\"} to models.json "
                    + "(scripts/fetch-encoder-model.sh downloads all-MiniLM-L6-v2), or pass model: \"path/to/folder\"")
        }
        return (entry.path, entry.name)
    }
}
