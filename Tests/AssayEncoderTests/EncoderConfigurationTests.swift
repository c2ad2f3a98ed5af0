import AssayEncoder
import Foundation
import Testing

@Suite("Encoder configuration")
struct EncoderConfigurationTests {
    @Test("reads the MiniLM (BertModel) configuration of the test model")
    func readsMiniLM() throws {
        let configuration = try EncoderConfiguration(
            contentsOf: TestModel.directory().appendingPathComponent("config.json"))
        #expect(configuration.family == .bert)
        #expect(configuration.hiddenSize == 384)
        #expect(configuration.layerCount == 6)
        #expect(configuration.attentionHeadCount == 12)
        #expect(configuration.headSize == 32)
        #expect(configuration.intermediateSize == 1536)
        #expect(configuration.vocabularySize == 30522)
        #expect(configuration.maxPositions == 512)
        #expect(configuration.tokenTypeCount == 2)
        #expect(configuration.layerNormEpsilon == 1e-12)
        #expect(configuration.activation == .gelu)
    }

    @Test("reads DistilBERT-style keys, which have no token types")
    func readsDistilBERT() throws {
        let configuration = try read("""
            {"model_type": "distilbert", "architectures": ["DistilBertModel"], "dim": 256,
             "n_layers": 3, "n_heads": 4, "hidden_dim": 1024, "activation": "gelu",
             "vocab_size": 1000, "max_position_embeddings": 128}
            """)
        #expect(configuration.family == .distilBERT)
        #expect(configuration.hiddenSize == 256)
        #expect(configuration.layerCount == 3)
        #expect(configuration.attentionHeadCount == 4)
        #expect(configuration.intermediateSize == 1024)
        #expect(configuration.vocabularySize == 1000)
        #expect(configuration.maxPositions == 128)
        #expect(configuration.tokenTypeCount == 0)
        #expect(configuration.layerNormEpsilon == 1e-12)
    }

    @Test("absent keys take the reference defaults of BERT-base")
    func appliesBERTDefaults() throws {
        let configuration = try read(#"{"model_type": "bert"}"#)
        #expect(configuration.hiddenSize == 768)
        #expect(configuration.layerCount == 12)
        #expect(configuration.attentionHeadCount == 12)
        #expect(configuration.intermediateSize == 3072)
        #expect(configuration.tokenTypeCount == 2)
        #expect(configuration.activation == .gelu)
    }

    @Test("the family comes from the architectures when model_type is absent", arguments: [
        ("BertModel", EncoderFamily.bert), ("BertForMaskedLM", .bert), ("DistilBertModel", .distilBERT),
    ])
    func identifiesFamilyFromArchitecture(architecture: String, family: EncoderFamily) throws {
        #expect(try read(#"{"architectures": ["\#(architecture)"]}"#).family == family)
    }

    @Test("tanh-approximated GELU spellings are recognised", arguments: ["gelu_new", "gelu_pytorch_tanh", "gelu_fast"])
    func readsTanhGELU(name: String) throws {
        #expect(try read(#"{"model_type": "bert", "hidden_act": "\#(name)"}"#).activation == .geluTanh)
    }

    /// Configurations that must be rejected, with the expected message.
    static let rejected: [(json: String, message: String)] = [
        (#"{"model_type": "roberta", "architectures": ["RobertaModel"]}"#,
         "unsupported encoder: model_type 'roberta' (architectures: RobertaModel); supported model types: bert, distilbert"),
        (#"{"architectures": ["GPT2LMHeadModel"]}"#,
         "unsupported encoder: no model_type (architectures: GPT2LMHeadModel); supported model types: bert, distilbert"),
        (#"{"model_type": "bert", "is_decoder": true}"#,
         "the configuration describes a decoder (is_decoder is true); only bidirectional encoders are supported"),
        (#"{"model_type": "bert", "hidden_act": "swish"}"#,
         "unsupported activation 'swish'; supported: gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu"),
        (#"{"model_type": "bert", "position_embedding_type": "relative_key"}"#,
         "unsupported position_embedding_type 'relative_key'; only 'absolute' is supported"),
        (#"{"model_type": "bert", "hidden_size": 100, "num_attention_heads": 12}"#,
         "invalid value for 'num_attention_heads': 12 heads do not divide hidden size 100"),
        (#"{"model_type": "bert", "vocab_size": 0}"#,
         "invalid value for 'vocab_size': must be positive, found 0"),
    ]

    @Test("unsupported or inconsistent configurations are rejected with a clear message", arguments: rejected)
    func rejectsConfiguration(json: String, message: String) throws {
        let error = try #require(throws: ConfigurationError.self) { try read(json) }
        #expect(error.description == message)
    }

    @Test("a missing or malformed file is reported with its path")
    func reportsUnreadableFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.url.appendingPathComponent("config.json")
        #expect(throws: ConfigurationError(.fileNotFound(path: missing.path))) {
            try EncoderConfiguration(contentsOf: missing)
        }
        let malformed = try directory.write("{ not json", to: "broken.json")
        let error = try #require(throws: ConfigurationError.self) { try EncoderConfiguration(contentsOf: malformed) }
        #expect(error.description.hasPrefix("\(malformed.path) is not a valid encoder configuration:"))
    }

    private func read(_ json: String) throws -> EncoderConfiguration {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        return try EncoderConfiguration(contentsOf: directory.write(json, to: "config.json"))
    }
}
