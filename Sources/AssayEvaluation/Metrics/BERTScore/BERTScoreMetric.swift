import AssayCore
import AssayEncoder

/// The `bertscore` run metric: BERTScore of each case's extracted text against its `expected`,
/// stored as `{precision, recall, f1}` (so `r/cases/0/metrics/bertscore/f1` and
/// `r/summary/bertscore/f1`).
///
/// Each case is scored as its own pair, as a call of the reference with that one pair would
/// score it, so the reference's batch zero-padding never applies (it can only matter for a token
/// whose every cosine is negative). With `idf: true` the IDF weights come from the `expected`
/// of every case of the suite, computed once when the run starts, as the reference computes them
/// from the references of the call. The model is loaded when the run starts, so a missing
/// encoder is reported before any model is called.
enum BERTScoreMetric {
    /// The metric's evaluation for a run over the environment's suite.
    ///
    /// - Parameters:
    ///   - settings: The encoder, layer and weighting.
    ///   - environment: The catalog, the store, warnings, and the suite whose references give the
    ///     IDF weights; without a suite, `idf: true` is refused.
    /// - Throws: ``MetricBuildError`` when the encoder cannot be loaded or IDF has no suite.
    static func evaluate(_ settings: BERTScoreSettings, environment: MetricEnvironment) throws(MetricBuildError)
        -> @Sendable (ScoringInput) async throws -> JSONValue {
        let engine = try settings.engine(environment: environment)
        let weights: TokenWeights
        if settings.idf {
            guard let suite = environment.suite else {
                throw MetricBuildError(.invalidOption, "bertscore with idf: true needs the run's suite to weigh tokens")
            }
            let references = suite.cases.compactMap { $0.expected.map(TextMetrics.text(of:)) }
            weights = engine.weights(idf: true, references: references)
        } else {
            weights = engine.weights(idf: false, references: [])
        }
        let warn = environment.warn
        return { input in
            let expected = try input.requireExpected(for: "bertscore")
            let candidate = TextMetrics.text(of: input.extracted)
            let value = try await engine.scores(candidates: [candidate], references: [TextMetrics.text(of: expected)], weights: weights)[0]
            if let warning = BERTScoreEngine.warning(value, subject: " of case \(input.testCase.id)") {
                warn(warning)
            }
            return BERTScoreEngine.json(value)
        }
    }
}
