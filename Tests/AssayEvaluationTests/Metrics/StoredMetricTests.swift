import AssayCore
@testable import AssayEvaluation
import AssayMetrics
import Testing

/// A run's stored configuration rebuilds its metrics through the catalogue: from their specs, and
/// for runs stored before specs from their names where those are enough.
struct StoredMetricTests {
    static let catalogue = MetricCatalogue(environment: MetricEnvironment())

    /// The configuration of a run with these metrics.
    static func configuration(_ metrics: [RunMetric]) throws -> JSONValue {
        RunSpec(name: "r", suite: RunTestKit.suite(count: 1), template: RunTestKit.template, model: MockChatModel(.perfect), metrics: metrics)
            .configuration
    }

    /// The same configuration as a run stored before specs would hold it: names and descriptions.
    static func withoutSpecs(_ configuration: JSONValue) -> JSONValue {
        guard var object = configuration.objectValue else { return configuration }
        object["metrics"] = .array((object["metrics"]?.arrayValue ?? []).map { entry in
            ["name": entry.objectValue?["name"] ?? .null, "description": entry.objectValue?["description"] ?? .null]
        })
        return .object(object)
    }

    @Test("stored settings rebuild every metric with its options and name")
    func rebuildsFromSpecs() throws {
        let metrics = try Self.catalogue.metrics([
            MetricSpec(.exact(.none)), MetricSpec(name: "exact_ci", kind: .exact(TextMatchOptions(ignoresCase: true))),
            MetricSpec(.regex(pattern: "^1", ignoresCase: false)), MetricSpec(.rouge),
        ])
        let settings = try RunSettings(configuration: try Self.configuration(metrics))
        let rebuilt = try settings.metrics(from: Self.catalogue)
        #expect(rebuilt.map(\.spec) == metrics.map(\.spec))
        #expect(settings.metricNames == ["exact", "exact_ci", "regex", "rouge"])
    }

    @Test("a run stored before specs reruns when its metric names are enough")
    func oldRunWithPlainNames() throws {
        let metrics = try Self.catalogue.metrics([MetricSpec(.exact(.none)), MetricSpec(.contains(.none)), MetricSpec(.bleu)])
        let settings = try RunSettings(configuration: Self.withoutSpecs(try Self.configuration(metrics)))
        #expect(try settings.metrics(from: Self.catalogue).map(\.spec) == metrics.map(\.spec))
    }

    @Test("a run stored before specs with a metric its name does not describe says which one, instead of scoring it as plain exact")
    func oldRunWithOptions() throws {
        let metrics = try Self.catalogue.metrics([MetricSpec(.exact(TextMatchOptions(ignoresCase: true)))])
        let settings = try RunSettings(configuration: Self.withoutSpecs(try Self.configuration(metrics)))
        let error = #expect(throws: MetricBuildError.self) { try settings.metrics(from: Self.catalogue) }
        #expect(error?.code == .notStored)
        #expect(error?.message.contains("'exact' (extracted text equals expected ignoring case)") == true, "\(error?.message ?? "")")
    }

    @Test("a lambda extractor is stored as its source and compiled again through the host's compiler")
    func extractorSource() async throws {
        struct Upper: LambdaCompiler {
            func metric(source: String, name: String) throws(MetricBuildError) -> @Sendable (ScoringInput) async throws -> JSONValue {
                throw MetricBuildError(.lambda, "no metrics")
            }

            func extractor(source: String) throws(MetricBuildError) -> @Sendable (String) async throws -> JSONValue {
                guard source == "t => upper(t)" else { throw MetricBuildError(.lambda, "unexpected source \(source)") }
                return { .string($0.uppercased()) }
            }
        }
        let stored = Extraction.custom(source: "t => upper(t)") { .string($0) }.configuration
        #expect(stored == ["kind": "custom", "source": "t => upper(t)"])
        let rebuilt = try MetricCatalogue(environment: MetricEnvironment(lambdas: Upper())).extraction(stored)
        #expect(try await rebuilt.extract(from: "yes") == "YES")
        let error = #expect(throws: MetricBuildError.self) { try Self.catalogue.extraction(stored) }
        #expect(error?.code == .lambda)
        let old: JSONValue = ["kind": "custom", "description": "t => upper(t)"]
        #expect(try await MetricCatalogue(environment: MetricEnvironment(lambdas: Upper())).extraction(old).extract(from: "no") == "NO",
                "runs stored before the source member kept the source as the description")
    }
}
