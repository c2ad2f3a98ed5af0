import AssayCore

extension Interpreter {
    func evaluateCall(
        _ callee: Expression, _ arguments: [Argument], range: SourceRange, scope: Scope?, source: SourceFile
    ) throws(EvaluationError) -> Value {
        let function = try evaluate(callee, in: scope, source: source)
        guard case .function(let target) = function else {
            throw fail("type.not-callable", "\(function.typeName) is not a function", callee.range, source)
        }
        var values: [Value] = []
        for argument in arguments { values.append(try evaluate(argument.value, in: scope, source: source)) }
        try checkInterruptionFlag()
        switch target.body {
        case .lambda(let lambda):
            if let labelled = arguments.first(where: { $0.label != nil }) {
                throw fail("argument.keyword-to-lambda", "a lambda takes no keyword arguments", labelled.labelRange, source)
            }
            guard values.count == lambda.parameters.count else {
                throw fail(
                    "argument.count",
                    "this lambda takes \(lambda.parameters.count) argument\(lambda.parameters.count == 1 ? "" : "s"), got \(values.count)",
                    range, source
                )
            }
            return try invoke(lambda, values, callRange: range, callSource: source)
        case .builtin(let builtin):
            let bound = try bind(arguments, values, to: builtin, callRange: range, source: source)
            do {
                return try builtin.implementation(bound, self)
            } catch {
                throw translate(error, builtin: builtin, arguments: arguments, callRange: range, source: source)
            }
        }
    }

    func invoke(_ lambda: Lambda, _ values: [Value], callRange: SourceRange, callSource: SourceFile) throws(EvaluationError) -> Value {
        try invoke(lambda, in: Scope(names: lambda.names, values: values, parent: lambda.captured), callRange: callRange, callSource: callSource)
    }

    /// Evaluates the lambda's body in `scope`, the scope of its parameters bound to a call's arguments.
    func invoke(_ lambda: Lambda, in scope: Scope, callRange: SourceRange, callSource: SourceFile) throws(EvaluationError) -> Value {
        guard callDepth < maximumCallDepth else {
            throw fail(
                "value.recursion", "calls nest more than \(maximumCallDepth) deep", callRange, callSource,
                hint: "a lambda probably calls itself without stopping"
            )
        }
        callDepth += 1
        defer { callDepth -= 1 }
        return try evaluate(lambda.body, in: scope, source: lambda.source)
    }

    /// Matches written arguments to a builtin's parameters.
    func bind(
        _ arguments: [Argument], _ values: [Value], to builtin: Builtin, callRange: SourceRange, source: SourceFile
    ) throws(EvaluationError) -> CallArguments {
        var bound = CallArguments(functionName: builtin.name, values: [:], rest: [], positionalCount: 0)
        bound.site = CallSite(source: source, range: callRange)
        let positional = builtin.parameters.filter { !$0.isKeywordOnly }
        for (argument, value) in zip(arguments, values) {
            if let label = argument.label {
                guard builtin.parameters.contains(where: { $0.name == label }) else {
                    let names = builtin.parameters.map(\.name)
                    let hint = Suggestion.didYouMean(label, among: names)
                        ?? (names.isEmpty ? "\(builtin.name)() takes no keyword arguments" : "it takes: " + names.map { "\($0):" }.joined(separator: " "))
                    throw fail("argument.unknown-keyword", "\(builtin.name)() has no argument '\(label)'", argument.labelRange, source, hint: hint)
                }
                if bound.values[label] != nil {
                    throw fail("argument.duplicate", "'\(label)' is given both by position and by keyword", argument.labelRange, source)
                }
                bound.values[label] = value
            } else {
                if bound.positionalCount < positional.count {
                    bound.values[positional[bound.positionalCount].name] = value
                } else if builtin.isVariadic {
                    bound.rest.append(value)
                } else {
                    throw fail(
                        "argument.count",
                        "\(builtin.name)() takes at most \(positional.count) positional argument\(positional.count == 1 ? "" : "s")",
                        argument.value.range, source, hint: "usage: \(builtin.usage)"
                    )
                }
                bound.positionalCount += 1
            }
        }
        if let missing = builtin.parameters.first(where: { $0.isRequired && bound.values[$0.name] == nil }) {
            throw fail("argument.missing", "\(builtin.name)() needs '\(missing.name)'", callRange, source, hint: "usage: \(builtin.usage)")
        }
        return bound
    }

    func translate(
        _ failure: BuiltinFailure, builtin: Builtin, arguments: [Argument], callRange: SourceRange, source: SourceFile
    ) -> EvaluationError {
        if let propagated = failure.propagated { return propagated }
        var range = callRange
        if let name = failure.argument {
            let positional = builtin.parameters.filter { !$0.isKeywordOnly }.map(\.name)
            var index = 0
            for argument in arguments {
                if argument.label == name || (argument.label == nil && index < positional.count && positional[index] == name) {
                    range = argument.label == nil ? argument.value.range : argument.labelRange.merged(with: argument.value.range)
                    break
                }
                if argument.label == nil { index += 1 }
            }
        }
        return .diagnostic(Diagnostic(id: failure.id, message: failure.message, range: range, source: source, hint: failure.hint))
    }
}

extension Interpreter: Invoker {
    public func call(_ function: Value, _ arguments: [Value]) throws(BuiltinFailure) -> Value {
        guard case .function(let target) = function else {
            throw BuiltinFailure(message: "expected a function, got \(function.typeName)", id: "type.not-callable")
        }
        switch target.body {
        case .lambda(let lambda):
            guard arguments.count == lambda.parameters.count else {
                throw BuiltinFailure(
                    message: "the lambda takes \(lambda.parameters.count) argument\(lambda.parameters.count == 1 ? "" : "s") but is called with \(arguments.count)",
                    id: "argument.count"
                )
            }
            do {
                return try invoke(lambda, arguments, callRange: lambda.body.range, callSource: lambda.source)
            } catch {
                throw BuiltinFailure(propagating: error)
            }
        case .builtin(let builtin):
            let positional = builtin.parameters.filter { !$0.isKeywordOnly }
            var bound = CallArguments(functionName: builtin.name, values: [:], rest: [], positionalCount: arguments.count)
            for (index, value) in arguments.enumerated() {
                if index < positional.count { bound.values[positional[index].name] = value } else { bound.rest.append(value) }
            }
            return try builtin.implementation(bound, self)
        }
    }

    public func call(_ function: Value, with argument: Value) throws(BuiltinFailure) -> Value {
        guard case .function(let target) = function, case .lambda(let lambda) = target.body, lambda.names.count == 1 else {
            return try call(function, [argument])
        }
        do {
            let scope = Scope(names: lambda.names, first: argument, rest: [], parent: lambda.captured)
            return try invoke(lambda, in: scope, callRange: lambda.body.range, callSource: lambda.source)
        } catch {
            throw BuiltinFailure(propagating: error)
        }
    }

    public func checkInterruption() throws(BuiltinFailure) {
        if interruption.isRaised { throw BuiltinFailure(propagating: .interrupted) }
    }

    public func write(_ text: String) {
        output(text)
    }
}
