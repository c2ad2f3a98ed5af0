import AssayCore

/// A metric computed for each case of a run.
///
/// A metric returns a number, a Boolean (stored as 0 or 1), or an object whose members are numbers,
/// Booleans or such objects again (ROUGE returns `{"rouge1": {"precision": …, "recall": …, "f1": …}}`).
/// Anything else, or an error it throws, gives the case status ``CaseStatus/metricError`` naming the
/// metric and the case; it never counts as a wrong answer.
///
/// A metric built by a ``MetricCatalogue`` carries its ``spec``, which the run stores so that any
/// process can build the same metric again; one made from a closure alone stores only its name and
/// description.
public struct RunMetric: Sendable {
    /// The name the metric's value is stored under (`exact`, `rouge`); setting it renames the spec too.
    public var name: String {
        didSet { spec?.name = name }
    }
    /// A one-line description, stored in the run's configuration.
    public var description: String
    /// Computes the metric for one case.
    public var evaluate: @Sendable (ScoringInput) async throws -> JSONValue
    /// What the metric is, as stored; nil for a metric made from a closure alone.
    public private(set) var spec: MetricSpec?

    /// Creates a metric from a closure; a run stores only its name and description.
    ///
    /// - Parameters:
    ///   - name: The name its value is stored under.
    ///   - description: A one-line description.
    ///   - evaluate: Computes the value for one case.
    public init(name: String, description: String, evaluate: @escaping @Sendable (ScoringInput) async throws -> JSONValue) {
        self.name = name
        self.description = description
        self.evaluate = evaluate
    }

    /// Creates a metric that carries its spec; its name and description are the spec's.
    ///
    /// - Parameters:
    ///   - spec: What the metric is.
    ///   - evaluate: Computes the value for one case.
    public init(spec: MetricSpec, evaluate: @escaping @Sendable (ScoringInput) async throws -> JSONValue) {
        self.init(name: spec.name, description: spec.description, evaluate: evaluate)
        self.spec = spec
    }

    /// The metric as a run's configuration stores it: its spec (``MetricSpec/json(description:)``),
    /// or only `name` and `description` for a metric without one.
    public var configuration: JSONValue {
        spec?.json(description: description) ?? ["name": .string(name), "description": .string(description)]
    }

    /// Whether the extracted value equals the expected one: strings after trimming whitespace
    /// (`TextMatch.exact`), other values structurally (object key order ignored, `1` equals `1.0`); a
    /// string and a number or Boolean compare by the text of the JSON value. 1 or 0.
    public static let exact = RunMetric(spec: MetricSpec(.exact(.none))) { input in
        let expected = try input.requireExpected(for: "exact")
        return .int(ValueComparison.equal(input.extracted, expected) ? 1 : 0)
    }

    /// Whether the extracted value's text contains the expected value's text (both trimmed; a string
    /// as itself, anything else as compact JSON). 1 or 0.
    public static let contains = RunMetric(spec: MetricSpec(.contains(.none))) { input in
        let expected = try input.requireExpected(for: "contains")
        return .int(ValueComparison.contains(input.extracted, expected) ? 1 : 0)
    }
}

/// What a metric sees for one case.
public struct ScoringInput: Sendable {
    /// The case, with all its fields.
    public var testCase: TestCase
    /// Which sample of the case this is (0 for the first).
    public var sample: Int
    /// The model's raw answer text.
    public var output: String
    /// The value the extraction produced.
    public var extracted: JSONValue
    /// The case's `expected` field, if it has one.
    public var expected: JSONValue?
    /// The tools the answer called, in order.
    public var toolCalls: [ToolCall] = []

    /// Creates an input.
    ///
    /// - Parameters:
    ///   - testCase: The case.
    ///   - sample: The sample index.
    ///   - output: The raw answer.
    ///   - extracted: The extracted value.
    public init(testCase: TestCase, sample: Int = 0, output: String, extracted: JSONValue) {
        self.testCase = testCase
        self.sample = sample
        self.output = output
        self.extracted = extracted
        self.expected = testCase.expected
    }

    /// The expected value, or an error saying the metric needs one.
    ///
    /// - Parameter metric: The metric's name, for the message.
    /// - Returns: The case's `expected` value.
    /// - Throws: ``MetricError`` when the case has no `expected` field.
    public func requireExpected(for metric: String) throws(MetricError) -> JSONValue {
        guard let expected else {
            throw MetricError("the case has no 'expected' field, which '\(metric)' needs")
        }
        return expected
    }
}

/// Why a metric could not score a case.
public struct MetricError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for the user.
    public let message: String

    /// Creates an error.
    ///
    /// - Parameter message: What went wrong.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String {
        message
    }
}
