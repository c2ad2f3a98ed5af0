import Foundation

/// The entries of one `models.json`: models, encoders, and any key written inline.
struct ModelsFile {
    /// The model entries, in file order.
    var entries: [ModelEntry] = []
    /// The encoder entries, in file order.
    var encoders: [EncoderEntry] = []
    /// Keys written in the file itself (`"key": "…"`), by entry name.
    var inlineKeys: [String: APIKey] = [:]

    static let layoutHint = #"write a list of entries: [{"name": "gpt4o", "type": "OPENAI", "model": "gpt-4o"}, ...]"#

    /// The `key` values that mean "look in .credentials.json" rather than being a key.
    private static func isKeyPlaceholder(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.lowercased().hasPrefix("from ")
    }

    /// Reads `path`; an empty file set when it does not exist.
    static func load(path: String) throws(ModelConfigurationError) -> ModelsFile {
        guard let text = try ConfigurationDocument.read(path: path) else { return ModelsFile() }
        return try parse(text, path: path)
    }

    /// Parses the text of a `models.json` found at `path`.
    static func parse(_ text: String, path: String) throws(ModelConfigurationError) -> ModelsFile {
        let document = ConfigurationDocument(path: path)
        let elements = try document.parseArray(text, hint: layoutHint)
        var file = ModelsFile()
        var seen: [String: ConfigurationSource] = [:]
        let folder = (path as NSString).deletingLastPathComponent
        for element in elements {
            guard let members = element.members else {
                throw ModelConfigurationError(.invalidEntry, at: element.source,
                                              message: "each entry must be an object, found \(element.value.kindDescription)",
                                              hint: layoutHint)
            }
            let fields = EntryFields(members: members, entrySource: element.source)
            try fields.checkKeys()
            let name = try fields.requiredString("name")
            if let first = seen[name] {
                throw ModelConfigurationError(.duplicateName, at: element.source,
                                              message: "a second entry is named '\(name)' (the first is at line \(first.line))",
                                              hint: "give each entry its own name")
            }
            if ModelCatalog.builtInNames.contains(name) {
                throw ModelConfigurationError(.duplicateName, at: element.source,
                                              message: "'\(name)' is the name of a built-in mock model",
                                              hint: "choose another name")
            }
            seen[name] = element.source
            switch try fields.kind() {
            case .encoder:
                var encoderPath = try fields.requiredString("path")
                if !encoderPath.hasPrefix("/") && !encoderPath.hasPrefix("~") {
                    encoderPath = (folder as NSString).appendingPathComponent(encoderPath)
                }
                file.encoders.append(EncoderEntry(name: name, path: encoderPath, source: element.source))
            case .model(let provider):
                let entry = try fields.modelEntry(name: name, provider: provider)
                if let key = fields.string("key"), !isKeyPlaceholder(key) {
                    file.inlineKeys[name] = APIKey(key)
                }
                file.entries.append(entry)
            }
        }
        return file
    }
}
