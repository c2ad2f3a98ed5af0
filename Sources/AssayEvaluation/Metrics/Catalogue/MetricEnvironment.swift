import AssayCore
import Foundation

/// What building metrics needs from the host that runs them: the catalog of models (a judge's model
/// and the encoders are found by name), the run store (judge answers and embeddings are cached in
/// it), how an encoder folder the user wrote is resolved, where warnings go, the run's suite (IDF
/// weights), and a compiler for stored lambdas.
///
/// The catalogue never reaches for any of these itself: a session passes its own, a test passes
/// what it needs.
public struct MetricEnvironment: Sendable {
    /// The catalog of models and encoders, read when a metric first needs it.
    public var catalog: @Sendable () throws(MetricBuildError) -> ModelCatalog
    /// The run store whose caches judges and BERTScore use; nil for none.
    public var store: RunStore?
    /// Resolves an encoder folder as the user wrote it (relative to the host's folder, say).
    public var resolvePath: @Sendable (String) -> String
    /// Where warnings go (a BERTScore defined by convention), one line each with its newline.
    public var warn: @Sendable (String) -> Void
    /// The run's suite: BERTScore with `idf` weighs tokens by its cases' `expected`.
    public var suite: Suite?
    /// Compiles stored lambda source back into functions; nil when lambdas cannot be rebuilt.
    public var lambdas: (any LambdaCompiler)?

    /// Creates an environment.
    ///
    /// - Parameters:
    ///   - catalog: Reads the catalog of models and encoders when first needed; by default the
    ///     built-in mock models alone.
    ///   - store: The run store for the judge's and BERTScore's caches.
    ///   - resolvePath: Resolves an encoder folder the user wrote; by default against the current
    ///     directory.
    ///   - warn: Where warnings go.
    ///   - suite: The run's suite, for IDF weights.
    ///   - lambdas: The compiler for stored lambdas.
    public init(
        catalog: @escaping @Sendable () throws(MetricBuildError) -> ModelCatalog = { ModelCatalog() }, store: RunStore? = nil,
        resolvePath: @escaping @Sendable (String) -> String = { URL(fileURLWithPath: $0).standardizedFileURL.path }, warn: @escaping @Sendable (String) -> Void = { _ in },
        suite: Suite? = nil, lambdas: (any LambdaCompiler)? = nil
    ) {
        self.catalog = catalog
        self.store = store
        self.resolvePath = resolvePath
        self.warn = warn
        self.suite = suite
        self.lambdas = lambdas
    }
}

/// Compiles the stored source text of a lambda metric or extractor back into a function; the
/// language lives outside the engine, so its host implements this.
///
/// A compiler refuses source that refers to names other than its parameters and the language's
/// builtins, with an error naming those free variables.
public protocol LambdaCompiler: Sendable {
    /// A lambda metric from its source: the function receives the case result and returns the
    /// metric's value (a number; a Boolean as 1 or 0).
    ///
    /// - Parameters:
    ///   - source: The lambda's source text, such as `c => len(c/output) < 200`.
    ///   - name: The name the metric is stored under, for messages.
    /// - Throws: ``MetricBuildError`` when the source does not parse or has free variables.
    func metric(source: String, name: String) throws(MetricBuildError) -> @Sendable (ScoringInput) async throws -> JSONValue

    /// A lambda extractor from its source: the function receives the answer text and returns the
    /// extracted value.
    ///
    /// - Parameter source: The lambda's source text, such as `t => upper(t)`.
    /// - Throws: ``MetricBuildError`` when the source does not parse or has free variables.
    func extractor(source: String) throws(MetricBuildError) -> @Sendable (String) async throws -> JSONValue
}

/// Why a metric could not be built from its spec.
public struct MetricBuildError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is, so that a host can classify it.
    public enum Code: String, Sendable, Hashable {
        /// An encoder that the catalog of models does not name.
        case unknownEncoder
        /// A judge model that the catalog of models does not name (or whose key is missing).
        case unknownModel
        /// The catalog of models could not be read (`models.json`).
        case configuration
        /// An encoder folder misses a file or cannot be read.
        case unreadableEncoder
        /// An option's value is not valid (a layer the encoder lacks, a template that no longer compiles).
        case invalidOption
        /// A regular expression does not compile.
        case invalidPattern
        /// Stored lambda source that cannot be compiled (it does not parse, or has free variables).
        case lambda
        /// Something the spec needs was not stored.
        case notStored
    }

    /// What kind of problem it is.
    public let code: Code
    /// What went wrong, for the user.
    public let message: String
    /// What to do about it, if anything.
    public let hint: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What kind of problem it is.
    ///   - message: What went wrong.
    ///   - hint: What to do about it.
    public init(_ code: Code, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    /// The message.
    public var description: String {
        message
    }
}
