import AssayCore

/// The fields of one `models.json` entry, read with errors that point at the bad value.
struct EntryFields {
    /// Whether an entry names a model or an encoder.
    enum Kind {
        case model(ModelEntry.Provider)
        case encoder
    }

    let members: [ConfigurationDocument.Member]
    let entrySource: ConfigurationSource

    /// GoTaglio's `type` values (upper case) and Assay's `provider` values (lower case).
    private static let kinds: [String: Kind] = [
        "AZURE_OPEN_AI": .model(.azureOpenAI), "AZURE_OPENAI": .model(.azureOpenAI), "AZURE_AI": .model(.azureAI),
        "OPENAI": .model(.openAI), "OPEN_AI": .model(.openAI), "ANTHROPIC": .model(.anthropic),
        "MOCK": .model(.mock), "ENCODER": .encoder,
    ]

    /// Every field an entry may have (the README's Configuration lists them per provider).
    static let knownKeys = [
        "name", "type", "provider", "description", "model", "deployment", "endpoint", "base_url", "api", "api_version", "key",
        "key_env", "temperature", "top_p", "max_tokens", "seed", "stop", "response_format", "stream", "price", "mock", "rate",
        "latency_ms", "path",
    ]

    /// Fails on a field no entry has (`"temprature"`), with a did-you-mean: a misspelt setting
    /// must not be silently ignored.
    func checkKeys() throws(ModelConfigurationError) {
        for found in members where !Self.knownKeys.contains(found.key) {
            let suggestion = Suggestion.didYouMean(found.key, among: Self.knownKeys)
            throw ModelConfigurationError(.invalidEntry, at: found.source, message: "unknown field \"\(found.key)\"",
                                          hint: suggestion ?? "fields: " + Self.knownKeys.joined(separator: ", "))
        }
    }

    func member(_ key: String) -> ConfigurationDocument.Member? {
        members.last { $0.key == key }
    }

    private func invalid(_ member: ConfigurationDocument.Member, _ expected: String, hint: String? = nil) -> ModelConfigurationError {
        ModelConfigurationError(.invalidEntry, at: member.source,
                                message: "\"\(member.key)\" must be \(expected), found \(member.value.kindDescription)",
                                hint: hint)
    }

    /// The string value of `key`, if it is a string.
    func string(_ key: String) -> String? {
        member(key)?.value.stringValue
    }

    /// The string value of `key`; an error when it is present but not a string.
    func optionalString(_ key: String) throws(ModelConfigurationError) -> String? {
        guard let found = member(key), !found.value.isNull else { return nil }
        guard let text = found.value.stringValue else { throw invalid(found, "a string") }
        return text
    }

    /// The value of the first of `keys` present, checked to be a string.
    func firstString(_ keys: String...) throws(ModelConfigurationError) -> String? {
        for key in keys {
            if let text = try optionalString(key) { return text }
        }
        return nil
    }

    /// The non-empty string value of `key`; an error naming the field when it is missing.
    func requiredString(_ key: String, alternatives: [String] = [], why: String = "") throws(ModelConfigurationError) -> String {
        for candidate in [key] + alternatives {
            if let text = try optionalString(candidate), !text.isEmpty { return text }
        }
        let names = ([key] + alternatives).map { "\"\($0)\"" }.joined(separator: " or ")
        throw ModelConfigurationError(.invalidEntry, at: entrySource, message: "the entry has no \(names)\(why)",
                                      hint: "add \(names) to the entry")
    }

    private func number(_ key: String) throws(ModelConfigurationError) -> Double? {
        guard let found = member(key), !found.value.isNull else { return nil }
        guard let value = found.value.doubleValue else { throw invalid(found, "a number") }
        return value
    }

    private func integer(_ key: String) throws(ModelConfigurationError) -> Int? {
        guard let found = member(key), !found.value.isNull else { return nil }
        guard let value = found.value.intValue else { throw invalid(found, "a whole number") }
        return value
    }

    /// What the entry is, from `type` or `provider`.
    func kind() throws(ModelConfigurationError) -> Kind {
        guard let found = member("type") ?? member("provider") else {
            throw ModelConfigurationError(.invalidEntry, at: entrySource, message: "the entry has no \"type\" or \"provider\"",
                                          hint: "add \"provider\": \"openai\", \"azure_openai\", \"azure_ai\" or \"anthropic\"")
        }
        guard let text = found.value.stringValue else { throw invalid(found, "a string") }
        if let kind = Self.kinds[text.uppercased()] { return kind }
        let known = ["openai", "azure_openai", "azure_ai", "anthropic", "mock", "encoder"]
        let suggestion = Suggestion.didYouMean(text.lowercased(), among: known)
        throw ModelConfigurationError(.invalidEntry, at: found.source, message: "unknown \(found.key) '\(text)'",
                                      hint: suggestion ?? "use one of " + known.joined(separator: ", "))
    }

    /// The generation parameters written in the entry.
    func parameters() throws(ModelConfigurationError) -> ModelParameters {
        var parameters = ModelParameters(
            temperature: try number("temperature"), topP: try number("top_p"),
            maxTokens: try integer("max_tokens"), seed: try integer("seed")
        )
        if let found = member("stop"), !found.value.isNull {
            switch found.value {
            case .string(let text): parameters.stop = [text]
            case .array(let items) where items.allSatisfy({ $0.stringValue != nil }):
                parameters.stop = items.compactMap(\.stringValue)
            default: throw invalid(found, "a string or a list of strings")
            }
        }
        if let found = member("response_format"), !found.value.isNull {
            switch found.value {
            case .string(let type): parameters.responseFormat = ["type": .string(type)]
            case .object: parameters.responseFormat = found.value
            default: throw invalid(found, "an object such as {\"type\": \"json_object\"}")
            }
        }
        if let found = member("stream"), !found.value.isNull {
            guard let flag = found.value.boolValue else { throw invalid(found, "true or false") }
            parameters.stream = flag
        }
        return parameters
    }

    /// A model entry of `provider`, checking the fields that provider needs.
    func modelEntry(name: String, provider: ModelEntry.Provider) throws(ModelConfigurationError) -> ModelEntry {
        var entry = ModelEntry(name: name, provider: provider, parameters: try parameters(),
                               keyEnvironmentVariable: try optionalString("key_env"), source: entrySource)
        switch provider {
        case .azureOpenAI:
            entry.endpoint = try requiredString("endpoint", alternatives: ["base_url"])
            entry.model = try requiredString("deployment", alternatives: ["model"])
            entry.apiVersion = try requiredString("api", alternatives: ["api_version"],
                                                  why: ", the Azure api-version such as \"2024-02-15-preview\"")
        case .azureAI:
            entry.endpoint = try requiredString("endpoint", alternatives: ["base_url"])
            entry.model = try firstString("model", "deployment")
            entry.apiVersion = try firstString("api", "api_version")
        case .openAI:
            entry.endpoint = try firstString("base_url", "endpoint")
            entry.model = try requiredString("model", alternatives: ["deployment"])
        case .anthropic:
            entry.endpoint = try firstString("base_url", "endpoint")
            entry.model = try requiredString("model")
        case .mock:
            entry.mock = try mockOptions()
        }
        entry.price = try price(model: name)
        if let endpoint = entry.endpoint, !(endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://")) {
            let found = member("endpoint") ?? member("base_url")
            throw ModelConfigurationError(.invalidEntry, at: found?.source ?? entrySource,
                                          message: "the endpoint '\(endpoint)' is not an http:// or https:// URL")
        }
        return entry
    }

    private func mockOptions() throws(ModelConfigurationError) -> MockOptions {
        let text = try requiredString("mock", why: ", the built-in mock to use (perfect, flakey, echo, noisy or transient)")
        guard let behavior = MockChatModel.Behavior(rawValue: text) else {
            throw ModelConfigurationError(.invalidEntry, at: member("mock")?.source ?? entrySource,
                                          message: "unknown mock '\(text)'", hint: "use perfect, flakey, echo, noisy or transient")
        }
        var options = MockOptions(behavior: behavior)
        if let rate = try number("rate") {
            guard (0...1).contains(rate) else {
                throw ModelConfigurationError(.invalidEntry, at: member("rate")?.source ?? entrySource,
                                              message: "\"rate\" must be between 0 and 1, found \(rate)")
            }
            options.rate = rate
        }
        if let seed = try integer("seed") { options.seed = seed }
        if let latency = try integer("latency_ms") { options.latency = .milliseconds(latency) }
        return options
    }
}
