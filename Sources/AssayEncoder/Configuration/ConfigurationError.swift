/// An error raised while reading an encoder's `config.json`.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong; closed so that every case has a message.
    package enum Reason: Equatable, Sendable {
        case fileNotFound(path: String)
        case malformed(path: String, detail: String)
        case unsupportedModelType(modelType: String?, architectures: [String])
        case decoderNotSupported
        case unsupportedActivation(String)
        case unsupportedPositionEmbedding(String)
        case invalidValue(key: String, detail: String)
    }

    /// The specific failure.
    package let reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    /// A human-readable explanation, naming the offending key or value.
    public var description: String {
        switch reason {
        case .fileNotFound(let path):
            return "encoder configuration not found: \(path)"
        case .malformed(let path, let detail):
            return "\(path) is not a valid encoder configuration: \(detail)"
        case .unsupportedModelType(let modelType, let architectures):
            let found = modelType.map { "model_type '\($0)'" } ?? "no model_type"
            let listed = architectures.isEmpty ? "" : " (architectures: \(architectures.joined(separator: ", ")))"
            let supported = EncoderFamily.allCases.map(\.rawValue).joined(separator: ", ")
            return "unsupported encoder: \(found)\(listed); supported model types: \(supported)"
        case .decoderNotSupported:
            return "the configuration describes a decoder (is_decoder is true); only bidirectional encoders are supported"
        case .unsupportedActivation(let name):
            let supported = Activation.allCases.flatMap(\.configurationNames).joined(separator: ", ")
            return "unsupported activation '\(name)'; supported: \(supported)"
        case .unsupportedPositionEmbedding(let name):
            return "unsupported position_embedding_type '\(name)'; only 'absolute' is supported"
        case .invalidValue(let key, let detail):
            return "invalid value for '\(key)': \(detail)"
        }
    }
}
