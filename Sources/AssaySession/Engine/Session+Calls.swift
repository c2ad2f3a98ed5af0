import AssayEvaluation
import AssayLanguage

/// How a builtin called by a front end ended.
public enum CallOutcome: Sendable {
    /// The builtin returned this value.
    case value(Value)
    /// The builtin failed; the report says why (no source line: nothing was written in the language).
    case failure(ErrorReport)
    /// The user interrupted it; the work finished so far is kept.
    case interrupted
}

extension Session {
    /// Calls a builtin by name with typed values and blocks until it ends, for front ends outside
    /// the language (`assay rerun RUN model=flakey`): nothing given is parsed or evaluated as code.
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
        _ name: String, _ positional: [Value] = [], keywords: [(String, Value)] = [],
        sink: @escaping @Sendable (SessionEvent) -> Void
    ) -> CallOutcome {
        let state = self.state
        interruptionFlag.clear()
        return worker.perform { state.value.call(name, positional, keywords: keywords, sink: sink) }
    }

    /// Sends a value to `sink` as a cell's result is sent (a table, a run's summary …).
    ///
    /// - Parameters:
    ///   - value: The value to show.
    ///   - sink: Receives one result event.
    public func show(_ value: Value, sink: @escaping @Sendable (SessionEvent) -> Void) {
        sink(.result(ValueRenderer.bundle(for: value)))
    }

    /// A metric given as its spec (read from JSON on the command line, say), as a value that
    /// `metrics:` accepts: the session's metric catalogue builds it when the run starts.
    ///
    /// - Parameter spec: The metric's spec.
    /// - Returns: A value for a `metrics:` list.
    public static func metricValue(_ spec: MetricSpec) -> Value {
        .object(MetricSpecObject(spec: spec))
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
            return .value(try interpreter.call(builtin: name, positional: positional, keywords: keywords))
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
