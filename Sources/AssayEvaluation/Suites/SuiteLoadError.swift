/// A suite file that could not be loaded, with the position of the problem and a hint.
///
/// Its ``description`` reads like a compiler diagnostic, `FILE:LINE:COL: error: MESSAGE`
/// (the column only where known), followed by `hint: …` on its own line when there is one.
public struct SuiteLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, for code that reacts to some kinds differently.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case fileNotFound, unreadableFile, unknownFormat, invalidEncoding
            case malformedRecord, invalidCase, duplicateID, invalidLayout
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The path names no file (or names a directory).
        public static let fileNotFound = Code(.fileNotFound)
        /// The file exists but could not be read.
        public static let unreadableFile = Code(.unreadableFile)
        /// The extension names no supported format.
        public static let unknownFormat = Code(.unknownFormat)
        /// The file is not UTF-8 text.
        public static let invalidEncoding = Code(.invalidEncoding)
        /// A JSONL line, the JSON text or a CSV row breaks its format's syntax.
        public static let malformedRecord = Code(.malformedRecord)
        /// A record is well formed but is not a usable case (not an object, or a bad id).
        public static let invalidCase = Code(.invalidCase)
        /// Two cases share an id.
        public static let duplicateID = Code(.duplicateID)
        /// The file as a whole has the wrong shape (no `cases` array, a bad CSV header).
        public static let invalidLayout = Code(.invalidLayout)

        /// The code's name, e.g. `duplicateID`.
        public var description: String {
            base.rawValue
        }

        /// Whether `skipBad` may leave a record with this problem out instead of failing.
        var isSkippable: Bool {
            base == .malformedRecord || base == .invalidCase || base == .duplicateID
        }
    }

    /// The kind of problem.
    public let code: Code
    /// The suite file's path, as given.
    public let path: String
    /// The 1-based line of the problem, when it has one.
    public let line: Int?
    /// The 1-based column of the problem, in Unicode scalars, when known.
    public let column: Int?
    /// What is wrong.
    public let message: String
    /// What to do about it, when there is something useful to say.
    public let hint: String?

    init(_ code: Code, path: String, line: Int? = nil, column: Int? = nil, message: String, hint: String? = nil) {
        self.code = code
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// `FILE:LINE:COL: error: MESSAGE`, then `hint: HINT` on the next line when there is one.
    public var description: String {
        var location = path
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        var text = "\(location): error: \(message)"
        if let hint { text += "\nhint: \(hint)" }
        return text
    }
}
