import AssayEvaluation
import AssayLanguage

/// `model`, `models` and `ask`: configured models and one-off calls.
enum ModelBuiltins {
    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "model", usage: "model(name, temperature:, max_tokens:, top_p:, seed:, stop:, stream:, rate:, price: {input:, output:})",
                summary: "A model from models.json or a built-in mock (perfect, flakey, echo, noisy, transient), with parameters overridden.",
                parameters: [.positional("name"), .keyword("temperature"), .keyword("max_tokens"), .keyword("top_p"), .keyword("seed"),
                             .keyword("stop"), .keyword("stream"), .keyword("rate"), .keyword("price")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let name = try arguments.string("name") ?? ""
                var stop: [String]?
                if let value = arguments["stop"] {
                    guard case .list(let items) = value else { throw BuiltinFailure.type("model", "stop", expected: "a list of strings", found: value) }
                    stop = items.map { if case .string(let text) = $0 { text } else { $0.plainText } }
                }
                let overrides = ModelParameters(
                    temperature: try arguments.number("temperature"), topP: try arguments.number("top_p"),
                    maxTokens: try arguments.integer("max_tokens"), seed: try arguments.integer("seed"), stop: stop,
                    stream: try arguments.boolean("stream"))
                do {
                    let price = try priceArgument(arguments["price"])
                    return .object(ModelObject(model: try state.runs.catalog().model(
                        name, overriding: overrides, rate: try arguments.number("rate"), price: price)))
                } catch let error as ModelConfigurationError {
                    throw BuiltinFailure(message: error.message, hint: error.hint, argument: "name", id: "name.model")
                } catch let failure as BuiltinFailure {
                    throw failure
                } catch {
                    throw BuiltinFailure(message: "\(error)", argument: "name", id: "name.model")
                }
            },
            Builtin(
                name: "models", usage: "models()",
                summary: "The models you can use: name, provider, endpoint and parameters (never a key).",
                parameters: []
            ) { [unowned state] _, _ throws(BuiltinFailure) in
                state.runs.reloadCatalog()
                return .object(RecordTable(records: try modelRecords(state), caption: nil))
            },
            Builtin(
                name: "ask", usage: "ask(model, text)", summary: "Sends one message to a model and returns its answer.",
                parameters: [.positional("model"), .positional("text"), .keyword("system"), .keyword("timeout")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let model = try state.runs.model(try arguments.required("model"), argument: "model", function: "ask")
                let text = try arguments.string("text") ?? ""
                var messages = [ChatMessage(role: "user", content: text)]
                if let system = try arguments.string("system") { messages.insert(ChatMessage(role: "system", content: system), at: 0) }
                let seconds = try arguments.number("timeout") ?? 60
                let request = ModelRequest(messages: messages, parameters: model.descriptor.parameters, timeout: .milliseconds(Int(seconds * 1000)))
                // The retries and backoff of a run's calls (429s, 5xx, timeouts, dropped connections).
                let caller = ModelCaller(model: model, retries: RunSpec.defaultRetries, environment: .live)
                let outcome = state.runs.pump.run(interruption: state.interpreter.interruption) { await caller.call(request) }
                switch outcome {
                case .answered(let response, _, _): return .string(response.text)
                case .failed(let error, let retries):
                    if error.kind == .cancelled { throw BuiltinFailure(propagating: .interrupted) }
                    let tries = retries > 0 ? " (after \(retries + 1) attempts)" : ""
                    throw BuiltinFailure(message: "\(model.descriptor.name): \(error.message)\(tries)", argument: "model", id: "io.model")
                case .cancelled, .heldBack:
                    throw BuiltinFailure(propagating: .interrupted)
                }
            },
        ]
    }

    /// `price: {input: 0.15, output: 0.6}`: US dollars per million tokens.
    static func priceArgument(_ value: Value?) throws(BuiltinFailure) -> ModelPrice? {
        guard let value, value != .null else { return nil }
        let expected = "a record {input: …, output: …} of dollars per million tokens"
        guard case .record(let record) = value else { throw BuiltinFailure.type("model", "price", expected: expected, found: value) }
        for key in record.keys where key != "input" && key != "output" {
            throw BuiltinFailure(message: "price has no field '\(key)'", hint: "write price: {input: 0.15, output: 0.6}", argument: "price")
        }
        func amount(_ key: String) throws(BuiltinFailure) -> Double {
            guard let field = record[key] else {
                throw BuiltinFailure(message: "price needs '\(key)'", hint: "write price: {input: 0.15, output: 0.6}", argument: "price")
            }
            guard let number = field.numberValue, number >= 0, number.isFinite else {
                throw BuiltinFailure.type("model", "price", expected: "a number of dollars, at least 0, for '\(key)'", found: field)
            }
            return number
        }
        return ModelPrice(input: try amount("input"), output: try amount("output"))
    }

    /// One record per model, for `models()` and `:models`.
    static func modelRecords(_ state: SessionState) throws(BuiltinFailure) -> [Record] {
        try state.runs.catalog().entries.map { entry in
            Record([
                ("name", .string(entry.name)), ("provider", .string(entry.provider.rawValue)),
                ("endpoint", entry.endpoint.map(Value.string) ?? .null), ("model", entry.model.map(Value.string) ?? .null),
                ("parameters", .record(ModelObject.parameters(entry.parameters))),
            ])
        }
    }
}
