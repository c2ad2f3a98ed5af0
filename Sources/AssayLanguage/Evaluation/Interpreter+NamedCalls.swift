import AssayCore

extension Interpreter {
    /// Calls a builtin by name with values already made, as a front end outside the language does
    /// (`assay rerun RUN model=flakey`): nothing is parsed or evaluated, and the arguments are bound
    /// as a written call binds them.
    ///
    /// - Parameters:
    ///   - name: The builtin's name.
    ///   - positional: The positional arguments, in order.
    ///   - keywords: The keyword arguments, by parameter name.
    /// - Returns: The builtin's result.
    /// - Throws: ``BuiltinFailure`` for an unknown builtin or keyword, a missing argument, or the
    ///   builtin's own failure.
    public func call(builtin name: String, positional: [Value], keywords: [(String, Value)]) throws(BuiltinFailure) -> Value {
        guard let builtin = builtins[name] else {
            throw BuiltinFailure(message: "'\(name)' is not a builtin", id: "name.undefined")
        }
        let positionalParameters = builtin.parameters.filter { !$0.isKeywordOnly }
        guard positional.count <= positionalParameters.count || builtin.isVariadic else {
            throw BuiltinFailure(message: "\(name)() takes at most \(positionalParameters.count) positional arguments", id: "argument.count")
        }
        var bound = CallArguments(functionName: name, values: [:], rest: [], positionalCount: positional.count)
        for (index, value) in positional.enumerated() {
            if index < positionalParameters.count { bound.values[positionalParameters[index].name] = value } else { bound.rest.append(value) }
        }
        for (label, value) in keywords {
            guard builtin.parameters.contains(where: { $0.name == label }) else {
                let hint = Suggestion.didYouMean(label, among: builtin.parameters.map(\.name))
                throw BuiltinFailure(message: "\(name)() has no parameter '\(label)'", hint: hint, argument: label, id: "argument.unknown")
            }
            bound.values[label] = value
        }
        for parameter in builtin.parameters where parameter.isRequired && bound.values[parameter.name] == nil {
            throw BuiltinFailure(message: "\(name)() needs '\(parameter.name)'", id: "argument.missing")
        }
        return try builtin.implementation(bound, self)
    }
}
