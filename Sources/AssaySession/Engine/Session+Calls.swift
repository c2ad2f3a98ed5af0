import AssayCore
import AssayEvaluation
import AssayLanguage

/// An argument of a builtin called by a front end: data, never code.
public enum CallArgument: Sendable {
    /// A JSON value (a string, a number, a list …), passed as the language's value of it.
    case json(JSONValue)
    /// A value an earlier call returned (a loaded suite, say).
    case result(CallResult)
    /// Metrics given as their specs (read from the command line, say), for `metrics:`; the
    /// session's metric catalogue builds them when the run starts.
    case metrics([MetricSpec])
}

/// A value a builtin returned to a front end: shown with ``Session/show(_:sink:)`` or passed to
/// another call.
public struct CallResult: Sendable {
    let value: Value

    /// Whether the builtin returned nothing (`null`).
    public var isNull: Bool { value == .null }
}

/// How a builtin called by a front end ended.
public enum CallOutcome: Sendable {
    /// The builtin returned this value.
    case value(CallResult)
    /// The builtin failed; the report says why (no source line: nothing was written in the language).
    case failure(ErrorReport)
    /// The user interrupted it; the work finished so far is kept.
    case interrupted
}

extension Session {
    /// Calls a builtin by name with typed arguments and blocks until it ends, for front ends
    /// outside the language (`assay rerun RUN model=flakey`): nothing given is parsed or
    /// evaluated as code.
    ///
    /// What the builtin prints and its progress reach `sink`, as for a cell; its result does not
    /// (``show(_:sink:)`` shows it).
    ///
    /// - Parameters:
    ///   - name: The builtin, e.g. `rerun`.
    ///   - positional: Its positional arguments.
    ///   - keywords: Its keyword arguments, by parameter name.
    ///   - sink: Receives what the call prints and its progress.
    /// - Returns: The value, the failure, or the interruption.
    public func callBlocking(
        _ name: String, _ positional: [CallArgument] = [], keywords: [(String, CallArgument)] = [],
        sink: @escaping @Sendable (SessionEvent) -> Void
    ) -> CallOutcome {
        let state = self.state
        interruption.clear()
        let values = positional.map(\.value)
        let named = keywords.map { ($0.0, $0.1.value) }
        return worker.perform { state.value.call(name, values, keywords: named, sink: sink) }
    }

    /// Sends a value to `sink` as a cell's result is sent (a table, a run's summary …).
    ///
    /// - Parameters:
    ///   - result: The value to show.
    ///   - sink: Receives one result event.
    public func show(_ result: CallResult, sink: @escaping @Sendable (SessionEvent) -> Void) {
        sink(.result(ValueRenderer.bundle(for: result.value)))
    }
}

extension CallArgument {
    /// The language's value of the argument.
    var value: Value {
        switch self {
        case .json(let json): JSONBridge.value(json)
        case .result(let result): result.value
        case .metrics(let specs): .list(specs.map { .object(MetricSpecObject(spec: $0)) })
        }
    }
}

extension SessionState {
    /// Calls a builtin with values, with the cell's output wiring; see ``Session/callBlocking(_:_:keywords:sink:)``.
    func call(_ name: String, _ positional: [Value], keywords: [(String, Value)], sink: @escaping @Sendable (SessionEvent) -> Void) -> CallOutcome {
        self.sink = sink
        interpreter.output = { sink(.stream(.stdout, $0)) }
        defer {
            self.sink = { _ in }
            interpreter.output = { _ in }
        }
        do throws(BuiltinFailure) {
            return .value(CallResult(value: try interpreter.call(builtin: name, positional: positional, keywords: keywords)))
        } catch {
            switch error.propagated {
            case .interrupted?:
                return .interrupted
            case .diagnostic(let diagnostic)?:
                return .failure(ErrorReport(diagnostic))
            case nil:
                let lines = ["error: \(error.message)"] + (error.hint.map { ["hint: \($0)"] } ?? [])
                return .failure(ErrorReport(name: error.id, message: error.message, lines: lines))
            }
        }
    }
}

/// A metric named by its spec alone, for `metrics:` lists made outside the language.
struct MetricSpecObject: DomainObject {
    let spec: MetricSpec

    var typeName: String { "metric" }
    var memberNames: [String] { ["name"] }

    func member(_ name: String) -> Value? {
        name == "name" ? .string(spec.name) : nil
    }

    var plainText: String { "metric \(spec.name)" }

    func isSame(as other: any DomainObject) -> Bool {
        (other as? MetricSpecObject)?.spec == spec
    }
}
