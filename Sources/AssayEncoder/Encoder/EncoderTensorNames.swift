/// Where each weight of an encoder family lives in a checkpoint.
///
/// Names are the module paths of the reference implementation; `.weight` and `.bias` are
/// appended by the loader. A checkpoint saved from a task model carries a prefix (`bert.`,
/// `distilbert.`), which ``detect(in:family:)`` finds.
struct EncoderTensorNames {
    let prefix: String
    let family: EncoderFamily

    /// Finds the prefix under which a checkpoint stores the family's word embeddings.
    ///
    /// - Returns: The names, or `nil` when no known prefix matches.
    static func detect(in tensorNames: some Collection<String>, family: EncoderFamily) -> EncoderTensorNames? {
        let prefixes = family == .bert ? ["", "bert.", "model."] : ["", "distilbert.", "model."]
        let names = Set(tensorNames)
        for prefix in prefixes {
            let candidate = EncoderTensorNames(prefix: prefix, family: family)
            if names.contains(candidate.wordEmbeddings + ".weight") {
                return candidate
            }
        }
        return nil
    }

    var wordEmbeddings: String { prefix + "embeddings.word_embeddings" }
    var positionEmbeddings: String { prefix + "embeddings.position_embeddings" }
    /// `nil` for families without token types.
    var tokenTypeEmbeddings: String? { family == .bert ? prefix + "embeddings.token_type_embeddings" : nil }
    var embeddingNormalization: String { prefix + "embeddings.LayerNorm" }

    func query(layer: Int) -> String {
        self.layer(layer, bert: "attention.self.query", distilBERT: "attention.q_lin")
    }

    func key(layer: Int) -> String {
        self.layer(layer, bert: "attention.self.key", distilBERT: "attention.k_lin")
    }

    func value(layer: Int) -> String {
        self.layer(layer, bert: "attention.self.value", distilBERT: "attention.v_lin")
    }

    func attentionOutput(layer: Int) -> String {
        self.layer(layer, bert: "attention.output.dense", distilBERT: "attention.out_lin")
    }

    func attentionNormalization(layer: Int) -> String {
        self.layer(layer, bert: "attention.output.LayerNorm", distilBERT: "sa_layer_norm")
    }

    func intermediate(layer: Int) -> String {
        self.layer(layer, bert: "intermediate.dense", distilBERT: "ffn.lin1")
    }

    func output(layer: Int) -> String {
        self.layer(layer, bert: "output.dense", distilBERT: "ffn.lin2")
    }

    func outputNormalization(layer: Int) -> String {
        self.layer(layer, bert: "output.LayerNorm", distilBERT: "output_layer_norm")
    }

    private func layer(_ index: Int, bert: String, distilBERT: String) -> String {
        switch family {
        case .bert: "\(prefix)encoder.layer.\(index).\(bert)"
        case .distilBERT: "\(prefix)transformer.layer.\(index).\(distilBERT)"
        }
    }
}
