/// A BERT-family encoder named in `models.json` (`"type": "ENCODER"`), used by BERTScore.
public struct EncoderEntry: Sendable, Hashable {
    /// The name the user calls the encoder by.
    public var name: String
    /// The model folder, resolved against the folder of the `models.json` that names it.
    public var path: String
    /// Where the entry was written.
    public var source: ConfigurationSource?

    /// Creates an encoder entry.
    public init(name: String, path: String, source: ConfigurationSource? = nil) {
        self.name = name
        self.path = path
        self.source = source
    }
}
