import AssayCore
import AssayEvaluation
import AssayLanguage
import Foundation

/// Which encoder, layer and weighting BERTScore uses, as `metrics: [{bertscore: {…}}]` and
/// `bertscore(…, model:, layers:, idf:)` spell them.
///
/// - `model`: an encoder named in `models.json` (`"type": "ENCODER"`), or a model folder (a value
///   containing `/`). Without it, the encoder named `bertscore`, else the first encoder entry.
/// - `layers`: the layer whose hidden states are compared; by default the model's last layer
///   (6 for all-MiniLM-L6-v2).
/// - `idf`: weight tokens by inverse document frequency over the references (default false).
struct BERTScoreOptions: Sendable, Equatable {
    /// The option names, for messages.
    static let names = ["model", "layers", "idf"]

    /// An encoder name or a folder; nil picks the default encoder.
    var model: String?
    /// The layer; nil is the model's last.
    var layers: Int?
    /// Whether tokens are weighted by IDF.
    var idf = false

    init(model: String? = nil, layers: Int? = nil, idf: Bool = false) {
        self.model = model
        self.layers = layers
        self.idf = idf
    }

    /// Reads the options of a record such as `{model: "minilm", layers: 6, idf: true}`.
    init(record: Record, function: String, argument: String) throws(BuiltinFailure) {
        for (key, value) in record.pairs {
            switch (key, value) {
            case ("model", .string(let name)): model = name
            case ("model", .null), ("layers", .null): continue
            case ("layers", .integer(let layer)): layers = layer
            case ("idf", .boolean(let flag)): idf = flag
            case ("model", _): throw BuiltinFailure.type(function, argument, expected: "an encoder name or folder for 'model'", found: value)
            case ("layers", _): throw BuiltinFailure.type(function, argument, expected: "a whole number for 'layers'", found: value)
            case ("idf", _): throw BuiltinFailure.type(function, argument, expected: "true or false for 'idf'", found: value)
            default:
                let suggestion = Suggestion.didYouMean(key, among: Self.names).map { $0 + " " } ?? ""
                throw BuiltinFailure(
                    message: "bertscore has no option '\(key)'", hint: suggestion + "options: " + Self.names.joined(separator: ", "),
                    argument: argument, id: "name.option")
            }
        }
    }

    /// A one-line description, stored in a run's configuration.
    var description: String {
        "BERTScore precision/recall/f1 of the extracted text against expected (model: \(model ?? "default"), layers: \(layers.map(String.init) ?? "last"), idf: \(idf))"
    }

    /// Loads the chosen encoder and builds an engine over the session's run store.
    ///
    /// - Throws: `BuiltinFailure` for an unknown encoder (with a did-you-mean), a folder missing
    ///   a file, or a layer the model does not have.
    func engine(state: SessionState, argument: String) throws(BuiltinFailure) -> BERTScoreEngine {
        let context = state.runs
        let resolved = try resolveModel(context: context, argument: argument)
        let entryName = resolved.entryName
        // A folder given directly is relative to the session's folder; entries are resolved already.
        let path = entryName == nil ? state.resolvePath(resolved.path) : resolved.path
        let loaded: LoadedEncoder
        do {
            loaded = try EncoderCache.model(at: path, entryName: entryName)
        } catch {
            throw BuiltinFailure(message: error.message, hint: error.hint, argument: argument, id: "io.encoder")
        }
        let available = loaded.encoder.layerCount
        let layer = layers ?? available
        guard (0 ... available).contains(layer) else {
            throw BuiltinFailure(
                message: "layers must be between 0 and \(available) for \(entryName.map { "the encoder '\($0)'" } ?? "this model"), found \(layer)",
                argument: argument, id: "value.invalid")
        }
        let store = try context.store()
        return BERTScoreEngine(model: loaded, layers: layer, store: store, usage: EncoderUsage.forStore(store.path))
    }

    /// The model folder and the `models.json` name it came from (nil for a folder given directly).
    private func resolveModel(context: RunContext, argument: String) throws(BuiltinFailure) -> (path: String, entryName: String?) {
        if let model, model.contains("/") {
            return (model, nil)
        }
        let catalog = try context.catalog()
        if let model {
            do {
                let entry = try catalog.encoder(named: model)
                return (entry.path, entry.name)
            } catch {
                throw BuiltinFailure(message: error.message, hint: error.hint, argument: argument, id: "name.encoder")
            }
        }
        guard let entry = catalog.encoders.first(where: { $0.name == "bertscore" }) ?? catalog.encoders.first else {
            throw BuiltinFailure(
                message: "bertscore needs an encoder, and models.json names none",
                hint: "add {\"name\": \"minilm\", \"type\": \"ENCODER\", \"path\": \"…\"} to models.json "
                    + "(scripts/fetch-encoder-model.sh downloads all-MiniLM-L6-v2), or pass model: \"path/to/folder\"",
                argument: argument, id: "name.encoder")
        }
        return (entry.path, entry.name)
    }
}
