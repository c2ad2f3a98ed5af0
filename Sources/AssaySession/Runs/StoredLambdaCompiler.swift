import AssayCore
import AssayEvaluation
import AssayLanguage

/// Compiles the stored source text of lambda metrics and extractors with the language, so that a
/// run made in another session can be rerun here.
///
/// The source is evaluated by an interpreter of its own that knows the builtins and no variables,
/// so a stored lambda means what it meant when it was written whatever this session has defined.
/// Source that refers to any other name (a variable of the session that made the run) is refused
/// with an error naming those free variables.
struct StoredLambdaCompiler: LambdaCompiler, @unchecked Sendable {
    /// The session's builtins.
    let builtins: [Builtin]
    let pump: WorkerPump
    let interruption: InterruptionFlag

    func metric(source: String, name: String) throws(MetricBuildError) -> @Sendable (ScoringInput) async throws -> JSONValue {
        let (function, interpreter) = try compile(source, what: "the lambda metric '\(name)'")
        return LambdaCaller(interpreter: interpreter, pump: pump).metric(name: name, function)
    }

    func extractor(source: String) throws(MetricBuildError) -> @Sendable (String) async throws -> JSONValue {
        let (function, interpreter) = try compile(source, what: "the extract lambda")
        return LambdaCaller(interpreter: interpreter, pump: pump).extractor(function)
    }

    /// The function the source text evaluates to, with the interpreter that calls it.
    private func compile(_ source: String, what: String) throws(MetricBuildError) -> (Value, Interpreter) {
        let file = SourceFile(name: "stored", text: source)
        let program: Program
        do { program = try Parser.parse(file) } catch {
            throw MetricBuildError(.lambda, "\(what) (\(source)) does not parse: \(error.message)")
        }
        guard program.statements.count == 1, case .expression(let expression) = program.statements[0].kind else {
            throw MetricBuildError(.lambda, "\(what) was stored as '\(source)', which is not one expression")
        }
        let interpreter = Interpreter(interruption: interruption)
        for builtin in builtins { interpreter.register(builtin) }
        let free = expression.freeVariables.filter { interpreter.builtins[$0] == nil }
        guard free.isEmpty else {
            let quoted = free.map { "'\($0)'" }
            let names = quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " and " + quoted[quoted.count - 1]
            throw MetricBuildError(
                .lambda, "\(what) (\(source)) needs \(names), which \(free.count == 1 ? "is" : "are") neither its parameters nor builtins")
        }
        let value: Value
        do { value = try interpreter.evaluate(expression, in: nil, source: file) } catch {
            throw MetricBuildError(.lambda, "\(what) (\(source)) cannot be compiled again: \(error)")
        }
        guard case .function = value else {
            throw MetricBuildError(.lambda, "\(what) was stored as '\(source)', which is \(value.typeName), not a function")
        }
        return (value, interpreter)
    }
}
