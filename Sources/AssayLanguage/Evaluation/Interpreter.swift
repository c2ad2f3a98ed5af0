import AssayCore

/// Evaluates programs: a tree-walking interpreter over the syntax tree.
///
/// The interpreter is synchronous and owned by one session; it is not shared between threads.
/// Long work (runs, model calls) happens inside builtins, which check the interruption flag.
public final class Interpreter {
    /// Variables assigned at the top level.
    public var globals: [String: Value] = [:]
    /// Builtins by name. A global of the same name shadows a builtin.
    public private(set) var builtins: [String: Builtin] = [:]
    /// Where `print` and other output goes.
    public var output: (String) -> Void = { _ in }
    /// Set from another thread to stop evaluation.
    public let interruption: InterruptionFlag
    /// How deep lambda calls may nest before evaluation stops with an error.
    public var maximumCallDepth = 400
    /// How deep expressions may nest during evaluation, counting through lambda calls: a lambda
    /// whose body is deeply nested and that recurses deeply stops here, before the stack runs out.
    public var maximumEvaluationDepth = 3_000

    var callDepth = 0
    var evaluationDepth = 0

    /// Creates an interpreter.
    public init(interruption: InterruptionFlag = InterruptionFlag()) {
        self.interruption = interruption
    }

    /// Adds or replaces a builtin.
    public func register(_ builtin: Builtin) {
        builtins[builtin.name] = builtin
    }

    /// Every name that can be referred to: globals and builtins.
    public var knownNames: [String] { Array(globals.keys) + Array(builtins.keys) }

    /// Runs a program statement by statement.
    ///
    /// - Parameter onResult: called with the value of each expression statement whose result should
    ///   be shown (not assignments, not calls to silent builtins such as `print`), and whether it is
    ///   the program's last statement.
    /// - Throws: the first error; statements before it keep their effects.
    public func run(_ program: Program, onResult: (Value, _ isLast: Bool) -> Void) throws(EvaluationError) {
        for (position, statement) in program.statements.enumerated() {
            try checkInterruptionFlag()
            switch statement.kind {
            case .assignment(let name, _, let expression):
                globals[name] = try evaluate(expression, in: nil, source: program.source)
            case .expression(let expression):
                let value = try evaluate(expression, in: nil, source: program.source)
                if !isSilentCall(expression) {
                    onResult(value, position == program.statements.count - 1)
                }
            }
        }
    }

    /// Evaluates one expression.
    public func evaluate(_ expression: Expression, in scope: Scope?, source: SourceFile) throws(EvaluationError) -> Value {
        evaluationDepth += 1
        defer { evaluationDepth -= 1 }
        guard evaluationDepth <= maximumEvaluationDepth else {
            throw fail(
                "value.too-deep", "nesting deeper than \(maximumEvaluationDepth)", expression.range, source,
                hint: "a lambda probably calls itself too deeply"
            )
        }
        switch expression.kind {
        case .null: return .null
        case .boolean(let value): return .boolean(value)
        case .integer(let value): return .integer(value)
        case .float(let value): return .float(value)
        case .string(let value): return .string(value)
        case .name(let name):
            return try lookup(name, range: expression.range, scope: scope, source: source)
        case .list(let elements):
            var values: [Value] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try evaluate(element, in: scope, source: source)) }
            return .list(values)
        case .record(let entries):
            var record = Record()
            for entry in entries { record[entry.key] = try evaluate(entry.value, in: scope, source: source) }
            return .record(record)
        case .unary(let operation, let operand):
            let value = try evaluate(operand, in: scope, source: source)
            return try applyUnary(operation, value, range: expression.range, source: source)
        case .binary(let operation, let left, let right):
            return try evaluateBinary(operation, left, right, range: expression.range, scope: scope, source: source)
        case .call(let callee, let arguments):
            return try evaluateCall(callee, arguments, range: expression.range, scope: scope, source: source)
        case .path(let base, let steps):
            let value = try evaluate(base, in: scope, source: source)
            return try applySteps(steps[...], to: value, base: base, scope: scope, source: source)
        case .lambda(let parameters, let body):
            return .function(Function(lambda: Lambda(parameters: parameters, body: body, captured: scope, source: source)))
        }
    }

    func lookup(_ name: String, range: SourceRange, scope: Scope?, source: SourceFile) throws(EvaluationError) -> Value {
        if let value = scope?.lookup(name) { return value }
        if let value = globals[name] { return value }
        if let builtin = builtins[name] { return .function(Function(builtin: builtin)) }
        let candidates = (scope?.allNames ?? []) + knownNames
        var hint = Suggestion.didYouMean(name, among: candidates)
        if hint == nil { hint = "assign it first ('\(name) = …'), or type ':vars' to list variables" }
        throw .diagnostic(Diagnostic(
            id: "name.undefined", message: "'\(name)' is not defined", range: range, source: source, hint: hint
        ))
    }

    func isSilentCall(_ expression: Expression) -> Bool {
        guard case .call(let callee, _) = expression.kind, case .name(let name) = callee.kind,
              globals[name] == nil, let builtin = builtins[name] else { return false }
        return builtin.isSilent
    }

    func checkInterruptionFlag() throws(EvaluationError) {
        if interruption.isRaised { throw .interrupted }
    }

    func fail(_ id: String, _ message: String, _ range: SourceRange, _ source: SourceFile, hint: String? = nil) -> EvaluationError {
        .diagnostic(Diagnostic(id: id, message: message, range: range, source: source, hint: hint))
    }
}
