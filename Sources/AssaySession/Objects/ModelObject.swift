import AssayCore
import AssayEvaluation
import AssayLanguage

/// A callable model as the language sees it: `m = model("gpt4o", temperature: 0)`, `m/name`.
///
/// It shows the descriptor (name, provider, endpoint, parameters) and never a key.
struct ModelObject: DomainObject, JSONConvertible {
    let model: any ChatModel

    var typeName: String { "model" }
    var memberNames: [String] { ["name", "provider", "endpoint", "model", "parameters", "price"] }

    func member(_ name: String) -> Value? {
        let descriptor = model.descriptor
        switch name {
        case "name": return .string(descriptor.name)
        case "provider": return .string(descriptor.provider)
        case "endpoint": return descriptor.endpoint.map(Value.string) ?? .null
        case "model": return descriptor.model.map(Value.string) ?? .null
        case "parameters": return .record(Self.parameters(descriptor.parameters))
        case "price":
            return descriptor.price.map { .record(Record([("input", .float($0.input)), ("output", .float($0.output))])) } ?? .null
        default: return nil
        }
    }

    /// The parameters that are set, with the names providers use.
    static func parameters(_ parameters: ModelParameters) -> Record {
        var record = Record()
        if let value = parameters.temperature { record["temperature"] = .float(value) }
        if let value = parameters.topP { record["top_p"] = .float(value) }
        if let value = parameters.maxTokens { record["max_tokens"] = .integer(value) }
        if let value = parameters.seed { record["seed"] = .integer(value) }
        if let value = parameters.stop { record["stop"] = .list(value.map(Value.string)) }
        if let value = parameters.responseFormat { record["response_format"] = JSONBridge.value(value) }
        if let value = parameters.stream { record["stream"] = .boolean(value) }
        return record
    }

    var plainText: String {
        let descriptor = model.descriptor
        var text = "model \(descriptor.name) (\(descriptor.provider)"
        if let endpoint = descriptor.endpoint { text += " at \(endpoint)" }
        text += ")"
        let parameters = Self.parameters(descriptor.parameters)
        if !parameters.isEmpty { text += " " + Value.record(parameters).plainText }
        return text
    }

    func isSame(as other: any DomainObject) -> Bool {
        (other as? ModelObject)?.model.descriptor == model.descriptor
    }

    var jsonValue: JSONValue {
        (try? JSONBridge.json(.record(Record(memberNames.compactMap { name in member(name).map { (name, $0) } })))) ?? .null
    }
}
