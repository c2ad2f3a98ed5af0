/// Why a run could not start, resume, or record its results.
///
/// Failures of single cases are not errors: they are results with their own status
/// (``CaseStatus``). A `RunError` stops the whole run.
public struct RunError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A setting is out of range or unusable (concurrency 0, a regular expression that does not
        /// compile).
        public static let invalidSpec = Code("invalidSpec")
        /// The spec given to resume differs from the stored run in something that changes answers.
        public static let resumeMismatch = Code("resumeMismatch")
        /// A stored configuration could not be read back.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// The run store failed (see the message).
        public static let store = Code("store")

        /// The code's name.
        public var description: String { name }
    }

    /// The kind of problem.
    public let code: Code
    /// What went wrong, for the user.
    public let message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The kind of problem.
    ///   - message: What went wrong.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Wraps a store error.
    init(_ error: RunStoreError) {
        self.init(.store, error.message)
    }

    /// The message.
    public var description: String {
        message
    }
}
