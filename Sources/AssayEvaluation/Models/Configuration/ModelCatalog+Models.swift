import AssayCore

/// Making callable models from catalog entries.
extension ModelCatalog {
    /// The model named `name`, with its parameters overridden where the call says.
    ///
    /// - Parameters:
    ///   - name: The model's name (a configured entry or a built-in mock).
    ///   - temperature: Overrides the entry's temperature.
    ///   - topP: Overrides `top_p`.
    ///   - maxTokens: Overrides `max_tokens`.
    ///   - seed: Overrides `seed`; for `flakey` and `noisy`, also the seed of their decisions.
    ///   - stop: Overrides the stop sequences.
    ///   - responseFormat: Overrides `response_format`.
    ///   - rate: For `flakey` and `noisy`, the failure or corruption rate.
    ///   - price: Replaces the entry's price.
    /// - Returns: A model ready to call.
    /// - Throws: ``ModelConfigurationError``: an unknown name (with a suggestion) or a missing key.
    public func model(
        _ name: String, temperature: Double? = nil, topP: Double? = nil, maxTokens: Int? = nil, seed: Int? = nil,
        stop: [String]? = nil, responseFormat: JSONValue? = nil, rate: Double? = nil, price: ModelPrice? = nil
    ) throws(ModelConfigurationError) -> any ChatModel {
        let overrides = ModelParameters(temperature: temperature, topP: topP, maxTokens: maxTokens, seed: seed,
                                        stop: stop, responseFormat: responseFormat)
        return try model(name, overriding: overrides, rate: rate, price: price)
    }

    /// The model named `name`, with every non-nil parameter of `overrides` replacing the entry's.
    ///
    /// - Parameters:
    ///   - name: The model's name.
    ///   - overrides: Parameters that take precedence over the entry's defaults.
    ///   - rate: For `flakey` and `noisy`, the failure or corruption rate.
    ///   - price: Replaces the entry's price (nil keeps the entry's, if it has one).
    /// - Returns: A model ready to call; its descriptor carries the merged parameters and the price.
    /// - Throws: ``ModelConfigurationError``: an unknown name (with a suggestion) or a missing key.
    public func model(
        _ name: String, overriding overrides: ModelParameters, rate: Double? = nil, price: ModelPrice? = nil
    ) throws(ModelConfigurationError) -> any ChatModel {
        let entry = try entry(named: name)
        let parameters = entry.parameters.merging(overrides)
        let price = price ?? entry.price
        var descriptor = ModelDescriptor(name: entry.name, provider: entry.provider.rawValue, endpoint: entry.endpoint,
                                         model: entry.model, parameters: parameters, price: price)
        descriptor.apiVersion = entry.apiVersion
        switch entry.provider {
        case .mock:
            let options = entry.mock ?? MockOptions(behavior: .perfect)
            return MockChatModel(options.behavior, name: entry.name, rate: rate ?? options.rate,
                                 seed: parameters.seed ?? options.seed, latency: options.latency, parameters: parameters,
                                 price: price)
        case .openAI:
            descriptor.endpoint = entry.endpoint ?? OpenAIChatModel.defaultBaseURL
            return OpenAIChatModel(descriptor: descriptor, url: OpenAIChatModel.chatCompletionsURL(baseURL: entry.endpoint),
                                   authentication: .bearer, key: try key(for: entry), bodyModel: entry.model,
                                   providerName: entry.endpoint == nil ? "OpenAI" : "the OpenAI-compatible server")
        case .azureOpenAI:
            let url = OpenAIChatModel.azureOpenAIURL(endpoint: entry.endpoint ?? "", deployment: entry.model ?? "",
                                                     apiVersion: entry.apiVersion ?? "")
            return OpenAIChatModel(descriptor: descriptor, url: url, authentication: .apiKeyHeader,
                                   key: try key(for: entry), bodyModel: nil, providerName: "Azure OpenAI")
        case .azureAI:
            let url = OpenAIChatModel.azureAIURL(endpoint: entry.endpoint ?? "", apiVersion: entry.apiVersion)
            return OpenAIChatModel(descriptor: descriptor, url: url, authentication: .apiKeyHeader,
                                   key: try key(for: entry), bodyModel: entry.model, providerName: "Azure AI")
        case .anthropic:
            descriptor.endpoint = entry.endpoint ?? AnthropicChatModel.defaultBaseURL
            return AnthropicChatModel(descriptor: descriptor, key: try key(for: entry))
        }
    }
}
