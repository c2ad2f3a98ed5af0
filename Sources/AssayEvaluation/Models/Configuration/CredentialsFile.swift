/// The keys of one `.credentials.json`: an object of model name to key.
enum CredentialsFile {
    static let layoutHint = #"write an object of model name to key: {"gpt4o": "KEY"}"#

    /// Reads `path`; no keys when it does not exist.
    static func load(path: String) throws(ModelConfigurationError) -> [String: APIKey] {
        guard let text = try ConfigurationDocument.read(path: path) else { return [:] }
        return try parse(text, path: path)
    }

    /// Parses the text of a `.credentials.json` found at `path`.
    ///
    /// Error messages name the entry and its position but never the value found there.
    static func parse(_ text: String, path: String) throws(ModelConfigurationError) -> [String: APIKey] {
        let members = try ConfigurationDocument(path: path).parseObject(text, hint: layoutHint)
        var keys: [String: APIKey] = [:]
        for member in members {
            guard let key = member.value.stringValue else {
                throw ModelConfigurationError(.invalidEntry, at: member.source,
                                              message: "the key of '\(member.key)' must be a string, found \(member.value.kindDescription)",
                                              hint: layoutHint)
            }
            keys[member.key] = APIKey(key)
        }
        return keys
    }
}
