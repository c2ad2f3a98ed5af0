/// The architecture families whose checkpoints the encoder can run.
public enum EncoderFamily: String, CaseIterable, Sendable {
    /// BERT and models that reuse its layout, such as MiniLM (`BertModel`).
    case bert
    /// DistilBERT: BERT's layer without token-type embeddings, with its own tensor names.
    case distilBERT = "distilbert"

    /// Finds the family from `model_type`, or from the first architecture when the type is absent.
    ///
    /// - Parameters:
    ///   - modelType: The `model_type` value of `config.json`.
    ///   - architectures: The `architectures` list of `config.json`.
    /// - Returns: The family, or `nil` when neither names a supported one.
    static func identify(modelType: String?, architectures: [String]) -> EncoderFamily? {
        if let modelType {
            return EncoderFamily(rawValue: modelType.lowercased())
        }
        guard let architecture = architectures.first else { return nil }
        if architecture.hasPrefix("DistilBert") { return .distilBERT }
        if architecture.hasPrefix("Bert") { return .bert }
        return nil
    }
}
