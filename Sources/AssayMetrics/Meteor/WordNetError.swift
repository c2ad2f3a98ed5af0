/// Why WordNet could not be used.
///
/// When the database is missing the description reads "METEOR needs WordNet 3.0: install
/// the Debian package wordnet-base", followed by the directory that was searched.
public struct WordNetError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Reason: Sendable, Hashable {
        case notInstalled(directory: String, missingFiles: [String])
        case unsupportedVersion(directory: String, found: String)
        case malformed(file: String, detail: String)
    }

    private let reason: Reason

    private init(_ reason: Reason) {
        self.reason = reason
    }

    static func notInstalled(directory: String, missingFiles: [String]) -> WordNetError {
        WordNetError(.notInstalled(directory: directory, missingFiles: missingFiles))
    }

    static func unsupportedVersion(directory: String, found: String) -> WordNetError {
        WordNetError(.unsupportedVersion(directory: directory, found: found))
    }

    static func malformed(file: String, detail: String) -> WordNetError {
        WordNetError(.malformed(file: file, detail: detail))
    }

    /// Whether the error means the WordNet files are not installed where they were sought.
    public var isNotInstalled: Bool {
        if case .notInstalled = reason { return true }
        return false
    }

    /// A message that says what is wrong and how to fix it.
    public var description: String {
        switch reason {
        case let .notInstalled(directory, missingFiles):
            let files = missingFiles.joined(separator: ", ")
            return "METEOR needs WordNet 3.0: install the Debian package wordnet-base "
                + "(looked in \(directory); missing \(files))"
        case let .unsupportedVersion(directory, found):
            return "METEOR needs WordNet 3.0, but \(directory) holds WordNet \(found): "
                + "install the Debian package wordnet-base or point to a WordNet 3.0 directory"
        case let .malformed(file, detail):
            return "WordNet file \(file) is malformed: \(detail)"
        }
    }
}
