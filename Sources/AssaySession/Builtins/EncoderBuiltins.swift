import AssayEncoder
import AssayEvaluation
import AssayLanguage

/// BERTScore as a plain function, for exploring before a run: `bertscore("the cat sat", "a cat sat")`,
/// and the embedding cache's counters.
enum EncoderBuiltins {
    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "bertscore",
                usage: "bertscore(candidate, reference, model:, layers:, idf: false)",
                summary: "BERTScore precision, recall and f1 as bert-score 0.3.13; two lists are scored as one call (IDF over those references) with means.",
                parameters: [
                    .positional("candidate"), .positional("reference"), .keyword("model"), .keyword("layers"), .keyword("idf"),
                ]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                try bertscore(arguments, state: state)
            },
            Builtin(
                name: "bertscore_cache", usage: "bertscore_cache()",
                summary: "How many texts BERTScore encoded, in how many encoder passes, and how many it found in the run store's embedding cache, with the cache's size.",
                parameters: []
            ) { [unowned state] _, _ throws(BuiltinFailure) in
                let store = try state.runs.store()
                let counts = EncoderUsage.forStore(store.path).current
                let entries: Int
                do throws(RunStoreError) { entries = try store.embeddingCount() } catch { throw BuiltinFailure(message: error.message, id: "io.store") }
                return .record(Record([("encoded", .integer(counts.encoded)), ("cached", .integer(counts.cached)), ("passes", .integer(counts.passes)), ("entries", .integer(entries))]))
            },
        ]
    }

    private static func bertscore(_ arguments: CallArguments, state: SessionState) throws(BuiltinFailure) -> Value {
        let candidate = try arguments.required("candidate")
        let reference = try arguments.required("reference")
        let model = try arguments.string("model")
        let layers = try arguments.integer("layers")
        let settings = BERTScoreSettings(model: model, layers: layers, idf: try arguments.boolean("idf") ?? false)
        let candidates: [String]
        let references: [String]
        let isList: Bool
        switch (candidate, reference) {
        case (.string(let one), .string(let other)):
            candidates = [one]
            references = [other]
            isList = false
        case (.list(let many), .list(let others)):
            guard many.count == others.count else {
                throw BuiltinFailure(
                    message: "bertscore needs as many references as candidates (\(many.count) candidates, \(others.count) references)",
                    argument: "reference")
            }
            candidates = try strings(many, argument: "candidate")
            references = try strings(others, argument: "reference")
            isList = true
        case (.string, _), (.list, _):
            throw BuiltinFailure.type("bertscore", "reference", expected: candidate.typeName == "list" ? "a list of strings" : "a string", found: reference)
        default:
            throw BuiltinFailure.type("bertscore", "candidate", expected: "a string or a list of strings", found: candidate)
        }
        let environment = try state.metricCatalogue().environment
        let engine: BERTScoreEngine
        do throws(MetricBuildError) { engine = try settings.engine(environment: environment) } catch {
            throw BuiltinFailure(error, argument: "model")
        }
        let weights = engine.weights(idf: settings.idf, references: references)
        let outcome = state.runs.pump.run(interruption: state.interpreter.interruption) { () -> Result<[BERTScoreValue], BuiltinFailure> in
            do {
                return .success(try await engine.scores(candidates: candidates, references: references, weights: weights))
            } catch let error as RunStoreError {
                return .failure(BuiltinFailure(message: error.message, id: "io.store"))
            } catch {
                return .failure(BuiltinFailure(message: "bertscore failed: \(error)", id: "value.metric"))
            }
        }
        let values: [BERTScoreValue]
        switch outcome {
        case .success(let scored): values = scored
        case .failure(let failure): throw failure
        }
        for (index, value) in values.enumerated() {
            if let warning = BERTScoreEngine.warning(value, subject: isList ? " of pair \(index)" : "") {
                state.sink(.stream(.stderr, warning))
            }
        }
        guard isList else { return record(values[0]) }
        let count = Double(max(values.count, 1))
        return .record(Record([
            ("scores", .list(values.map(record))),
            ("precision", .float(values.reduce(0) { $0 + Double($1.precision) } / count)),
            ("recall", .float(values.reduce(0) { $0 + Double($1.recall) } / count)),
            ("f1", .float(values.reduce(0) { $0 + Double($1.f1) } / count)),
        ]))
    }

    private static func record(_ value: BERTScoreValue) -> Value {
        .record(Record([("precision", .float(Double(value.precision))), ("recall", .float(Double(value.recall))), ("f1", .float(Double(value.f1)))]))
    }

    private static func strings(_ values: [Value], argument: String) throws(BuiltinFailure) -> [String] {
        var texts: [String] = []
        for value in values {
            guard case .string(let text) = value else {
                throw BuiltinFailure.type("bertscore", argument, expected: "a list of strings", found: value)
            }
            texts.append(text)
        }
        return texts
    }
}
