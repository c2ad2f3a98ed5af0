/// Why the run store could not do what was asked.
public struct RunStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The database file could not be created or opened.
        public static let cannotOpen = Code("cannotOpen")
        /// The database could not be written: it is read-only, its disk is full, or a write failed.
        public static let cannotWrite = Code("cannotWrite")
        /// Another process held the database longer than the busy timeout.
        public static let locked = Code("locked")
        /// The database was written by a newer version of Assay.
        public static let schemaTooNew = Code("schemaTooNew")
        /// No run matches the selector.
        public static let noSuchRun = Code("noSuchRun")
        /// More than one run matches the id prefix.
        public static let ambiguousSelector = Code("ambiguousSelector")
        /// The selector is neither an id prefix, `latest`, nor `-N`.
        public static let invalidSelector = Code("invalidSelector")
        /// A stored value could not be read back.
        public static let corrupt = Code("corrupt")
        /// Any other database error (the message has SQLite's explanation).
        public static let database = Code("database")

        /// The code's name.
        public var description: String { name }
    }

    /// The kind of problem.
    public let code: Code
    /// What went wrong, for the user.
    public let message: String
    /// For an ambiguous selector, the ids of the runs it matches.
    public let candidates: [String]

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The kind of problem.
    ///   - message: What went wrong.
    ///   - candidates: The matching run ids, for an ambiguous selector.
    public init(_ code: Code, _ message: String, candidates: [String] = []) {
        self.code = code
        self.message = message
        self.candidates = candidates
    }

    /// The message.
    public var description: String {
        message
    }
}
