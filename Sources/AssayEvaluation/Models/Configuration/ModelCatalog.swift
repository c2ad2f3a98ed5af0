import AssayCore
import Foundation

/// The models a user can call by name: configured entries plus the built-in mocks.
///
/// Entries come from `models.json` in the user's config folder and in the project folder (a
/// project entry replaces a user entry of the same name); keys come from `.credentials.json` in
/// the same folders (project first), from the environment variable an entry names in `key_env`,
/// or from the entry itself. Listing entries never shows a key.
public struct ModelCatalog: Sendable {
    /// The names of the built-in mock models, always present.
    public static let builtInNames: [String] = MockChatModel.Behavior.allCases.map(\.rawValue)

    /// Every model entry: the built-in mocks first, then configured entries (project ones first).
    public private(set) var entries: [ModelEntry]
    /// Every encoder entry.
    public private(set) var encoders: [EncoderEntry]
    /// Where configuration was read from, when it was read from files.
    public let locations: ConfigurationLocations?
    private let keys: [String: APIKey]
    private let environment: [String: String]

    /// Creates a catalog from entries and keys already in hand (tests, embedding).
    ///
    /// - Parameters:
    ///   - entries: Configured entries; the built-in mocks are added in front.
    ///   - encoders: Encoder entries.
    ///   - keys: Keys by entry name.
    ///   - environment: Where `key_env` variables are looked up.
    public init(
        entries: [ModelEntry] = [], encoders: [EncoderEntry] = [], keys: [String: String] = [:],
        environment: [String: String] = [:]
    ) {
        self.init(entries: entries, encoders: encoders, apiKeys: keys.mapValues(APIKey.init),
                  environment: environment, locations: nil)
    }

    private init(
        entries: [ModelEntry], encoders: [EncoderEntry], apiKeys: [String: APIKey],
        environment: [String: String], locations: ConfigurationLocations?
    ) {
        let builtIns = MockChatModel.Behavior.allCases.map {
            ModelEntry(name: $0.rawValue, provider: .mock, mock: MockOptions(behavior: $0, rate: $0.defaultRate))
        }
        self.entries = builtIns + entries.filter { !Self.builtInNames.contains($0.name) }
        self.encoders = encoders
        self.keys = apiKeys
        self.environment = environment
        self.locations = locations
    }

    /// Reads the user's and the project's `models.json` and `.credentials.json`.
    ///
    /// Missing files are fine (the catalog then holds only the built-in mocks); a file that exists
    /// but cannot be read or parsed is an error with its position.
    ///
    /// - Parameters:
    ///   - locations: The folders to read; by default discovered from the working directory.
    ///   - environment: Where `key_env` variables are looked up.
    /// - Returns: The catalog.
    /// - Throws: ``ModelConfigurationError`` for a bad file or entry.
    public static func load(
        locations: ConfigurationLocations = .discover(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ModelConfigurationError) -> ModelCatalog {
        var entries: [ModelEntry] = []
        var encoders: [EncoderEntry] = []
        var keys: [String: APIKey] = [:]
        for folder in locations.folders {
            let file = try ModelsFile.load(path: (folder as NSString).appendingPathComponent("models.json"))
            let credentials = try CredentialsFile.load(path: (folder as NSString).appendingPathComponent(".credentials.json"))
            // A later (project) folder takes precedence: its entries go in front and replace
            // same-named ones; its keys replace same-named keys.
            let names = Set(file.entries.map(\.name) + file.encoders.map(\.name))
            entries = file.entries + entries.filter { !names.contains($0.name) }
            encoders = file.encoders + encoders.filter { !names.contains($0.name) }
            keys.merge(file.inlineKeys) { _, inline in inline }
            keys.merge(credentials) { _, fromFile in fromFile }
        }
        return ModelCatalog(entries: entries, encoders: encoders, apiKeys: keys, environment: environment,
                            locations: locations)
    }

    /// Every model name, built-in mocks first.
    public var names: [String] {
        entries.map(\.name)
    }

    /// The entry named `name`.
    ///
    /// - Parameter name: The model's name.
    /// - Returns: The entry.
    /// - Throws: ``ModelConfigurationError`` (`unknownModel`) with a "did you mean" when a name is close.
    public func entry(named name: String) throws(ModelConfigurationError) -> ModelEntry {
        if let entry = entries.first(where: { $0.name == name }) { return entry }
        var hint = Suggestion.didYouMean(name, among: names)
        if hint == nil {
            hint = "known models: " + names.joined(separator: ", ")
            if locations != nil { hint! += "; add an entry to models.json to configure another" }
        }
        if encoders.contains(where: { $0.name == name }) {
            hint = "'\(name)' is an encoder (for BERTScore), not a chat model"
        }
        throw ModelConfigurationError(.unknownModel, message: "no model is named '\(name)'", hint: hint)
    }

    /// The encoder entry named `name`.
    ///
    /// - Parameter name: The encoder's name.
    /// - Returns: The entry.
    /// - Throws: ``ModelConfigurationError`` (`unknownModel`) with a "did you mean" when a name is close.
    public func encoder(named name: String) throws(ModelConfigurationError) -> EncoderEntry {
        if let encoder = encoders.first(where: { $0.name == name }) { return encoder }
        let hint = Suggestion.didYouMean(name, among: encoders.map(\.name))
            ?? (encoders.isEmpty ? "add {\"name\": \"\(name)\", \"type\": \"ENCODER\", \"path\": \"…\"} to models.json"
                                 : "known encoders: " + encoders.map(\.name).joined(separator: ", "))
        throw ModelConfigurationError(.unknownModel, message: "no encoder is named '\(name)'", hint: hint)
    }

    /// Looks up the key for `entry`: its `key_env` variable, then the credentials files (project
    /// first), then a key written in the entry itself.
    func key(for entry: ModelEntry) throws(ModelConfigurationError) -> APIKey? {
        if let variable = entry.keyEnvironmentVariable, let value = environment[variable], !value.isEmpty {
            return APIKey(value)
        }
        if let key = keys[entry.name], !key.secret.isEmpty { return key }
        guard entry.requiresKey else { return nil }
        throw missingKeyError(for: entry)
    }

    private func missingKeyError(for entry: ModelEntry) -> ModelConfigurationError {
        let files = (locations?.credentialsPaths ?? ["the project's or the user's .credentials.json"])
        var hint = "add \"\(entry.name)\": \"KEY\" to " + files.joined(separator: " or ")
        if let variable = entry.keyEnvironmentVariable {
            hint += ", or set the environment variable \(variable)"
        } else {
            hint += ", or name an environment variable in the entry: \"key_env\": \"MY_API_KEY\""
        }
        return ModelConfigurationError(.missingKey, at: entry.source,
                                       message: "model '\(entry.name)' needs an API key and none was found", hint: hint)
    }
}
