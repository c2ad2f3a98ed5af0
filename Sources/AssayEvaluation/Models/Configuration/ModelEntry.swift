/// One named model configuration from `models.json`, without its key.
///
/// Entries come from the project's and the user's `models.json`; keys live apart, in
/// `.credentials.json` files or environment variables, and are looked up only when a model is
/// made (``ModelCatalog/model(_:overriding:rate:)``). Printing an entry can never show a key.
public struct ModelEntry: Sendable, Hashable {
    /// The wire protocol an entry speaks.
    public enum Provider: String, Sendable, Hashable, CaseIterable {
        /// OpenAI chat completions, or any compatible server (vLLM, llama.cpp, Ollama, LiteLLM).
        case openAI = "openai"
        /// An Azure OpenAI deployment.
        case azureOpenAI = "azure_openai"
        /// Azure AI model inference: OpenAI-style chat completions with an `api-key` header.
        case azureAI = "azure_ai"
        /// The Anthropic Messages API.
        case anthropic = "anthropic"
        /// A built-in mock model (`perfect`, `flakey`, `echo`, `noisy`, `transient`).
        case mock = "mock"
    }

    /// The name the user calls the model by.
    public var name: String
    /// The protocol to speak.
    public var provider: Provider
    /// The base URL (`base_url`) or Azure endpoint (`endpoint`), when there is one.
    public var endpoint: String?
    /// The provider's model id, or the Azure deployment name.
    public var model: String?
    /// The Azure `api-version` (`api`), when there is one.
    public var apiVersion: String?
    /// Default parameters sent with every call.
    public var parameters: ModelParameters
    /// The environment variable that holds the key (`key_env`), when named.
    public var keyEnvironmentVariable: String?
    /// For mock entries: the behaviour, failure rate and latency.
    public var mock: MockOptions?
    /// What the model charges per million tokens (`"price": {"input": …, "output": …}`), if given.
    public var price: ModelPrice?
    /// Where the entry was written; nil for built-in entries.
    public var source: ConfigurationSource?

    /// Creates an entry.
    public init(
        name: String, provider: Provider, endpoint: String? = nil, model: String? = nil, apiVersion: String? = nil,
        parameters: ModelParameters = ModelParameters(), keyEnvironmentVariable: String? = nil,
        mock: MockOptions? = nil, price: ModelPrice? = nil, source: ConfigurationSource? = nil
    ) {
        self.name = name
        self.provider = provider
        self.endpoint = endpoint
        self.model = model
        self.apiVersion = apiVersion
        self.parameters = parameters
        self.keyEnvironmentVariable = keyEnvironmentVariable
        self.mock = mock
        self.price = price
        self.source = source
    }

    /// Whether calls to this entry need a key: every hosted provider does; an OpenAI-compatible
    /// server at a custom `base_url` (vLLM, Ollama) may run without one.
    public var requiresKey: Bool {
        switch provider {
        case .azureOpenAI, .azureAI, .anthropic: true
        case .openAI: endpoint == nil || endpoint!.contains("api.openai.com")
        case .mock: false
        }
    }
}
