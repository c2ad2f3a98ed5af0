/// Where a suite came from: enough to tell later whether the file has changed.
public struct SuiteSource: Sendable, Hashable {
    /// The path the suite was loaded from, as given.
    public let path: String
    /// The format it was read as.
    public let format: SuiteFormat
    /// The SHA-256 of the file's bytes, as 64 lowercase hexadecimal digits.
    public let sha256: String

    /// Creates a source description.
    ///
    /// - Parameters:
    ///   - path: The path the suite was loaded from.
    ///   - format: The format it was read as.
    ///   - sha256: The SHA-256 of the file's bytes in hexadecimal.
    public init(path: String, format: SuiteFormat, sha256: String) {
        self.path = path
        self.format = format
        self.sha256 = sha256
    }
}
