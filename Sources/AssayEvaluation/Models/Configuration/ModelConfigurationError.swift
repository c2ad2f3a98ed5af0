import AssayCore

/// A model configuration that cannot be used, with the file position of the problem and a hint.
///
/// Its ``description`` reads like a compiler diagnostic, `FILE:LINE:COL: error: MESSAGE`, followed
/// by `hint: …` when there is something useful to say. It never contains a key.
public struct ModelConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, for code that reacts to some kinds differently.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case unreadableFile, malformedJSON, invalidEntry, duplicateName, unknownModel, missingKey
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// A configuration file exists but could not be read as UTF-8 text.
        public static let unreadableFile = Code(.unreadableFile)
        /// A configuration file is not valid JSON, or has the wrong shape.
        public static let malformedJSON = Code(.malformedJSON)
        /// An entry lacks a field, has a field of the wrong kind, or names an unknown type.
        public static let invalidEntry = Code(.invalidEntry)
        /// Two entries of one file share a name, or an entry takes a built-in name.
        public static let duplicateName = Code(.duplicateName)
        /// No entry has the requested name.
        public static let unknownModel = Code(.unknownModel)
        /// The entry needs a key and none was found.
        public static let missingKey = Code(.missingKey)

        /// The code's name, e.g. `missingKey`.
        public var description: String {
            base.rawValue
        }
    }

    /// The kind of problem.
    public let code: Code
    /// The file the problem is in, when it is in one.
    public let path: String?
    /// The 1-based line of the problem, when known.
    public let line: Int?
    /// The 1-based column of the problem, in Unicode scalars, when known.
    public let column: Int?
    /// What is wrong.
    public let message: String
    /// What to do about it, when there is something useful to say.
    public let hint: String?

    init(_ code: Code, path: String? = nil, line: Int? = nil, column: Int? = nil, message: String, hint: String? = nil) {
        self.code = code
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    init(_ code: Code, at source: ConfigurationSource?, message: String, hint: String? = nil) {
        self.init(code, path: source?.path, line: source?.line, column: source?.column, message: message, hint: hint)
    }

    /// `FILE:LINE:COL: error: MESSAGE` (or `error: MESSAGE` without a file), then `hint: HINT`.
    public var description: String {
        var text = path.map { SourcePosition.located("", in: $0, line: line, column: column) } ?? ""
        text += "error: \(message)"
        if let hint { text += "\nhint: \(hint)" }
        return text
    }

    /// The message with its place in the file and no severity, for a diagnostic that quotes it
    /// (``SourcePosition/located(_:in:line:column:)``): `FILE:LINE:COL: MESSAGE`, or the message
    /// alone without a file. The hint is not included.
    ///
    /// - Parameter displayPath: How to name the file to the user (a path relative to the working
    ///   folder, say); by default the error's own ``path``.
    public func located(displayPath: (String) -> String = { $0 }) -> String {
        guard let path else { return message }
        return SourcePosition.located(message, in: displayPath(path), line: line, column: column)
    }
}
