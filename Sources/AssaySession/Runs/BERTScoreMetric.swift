import AssayEncoder
import AssayEvaluation
import AssayLanguage

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
    /// The metric for a run over `suite`.
    ///
    /// - Parameters:
    ///   - options: The encoder, layer and weighting.
    ///   - state: The session, for the catalog, the store and warnings.
    ///   - suite: The run's suite, whose references give the IDF weights; without one, `idf: true`
    ///     is refused.
    /// - Throws: `BuiltinFailure` when the encoder cannot be loaded or IDF has no suite.
    static func make(_ options: BERTScoreOptions, state: SessionState, suite: Suite?) throws(BuiltinFailure) -> RunMetric {
        let engine = try options.engine(state: state, argument: "metrics")
        let weights: TokenWeights
        if options.idf {
            guard let suite else {
                throw BuiltinFailure(message: "bertscore with idf: true needs the run's suite to weigh tokens", argument: "metrics")
            }
            let references = suite.cases.compactMap { $0.expected.map(TextMetrics.text(of:)) }
            weights = engine.weights(idf: true, references: references)
        } else {
            weights = engine.weights(idf: false, references: [])
        }
        let sink = state.sink
        return RunMetric(name: "bertscore", description: options.description) { input in
            let expected = try input.requireExpected(for: "bertscore")
            let candidate = TextMetrics.text(of: input.extracted)
            let value = try await engine.scores(candidates: [candidate], references: [TextMetrics.text(of: expected)], weights: weights)[0]
            if let warning = BERTScoreEngine.warning(value, subject: " of case \(input.testCase.id)") {
                sink(.stream(.stderr, warning))
            }
            return BERTScoreEngine.json(value)
        }
    }
}
