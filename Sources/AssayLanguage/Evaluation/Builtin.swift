/// A function provided by the host (the session), with its one-line documentation.
public struct Builtin: Sendable {
    /// The name it is called by.
    public var name: String
    /// How it is called, e.g. `sort(xs, by, desc: false)`.
    public var usage: String
    /// One line saying what it does (shown by `help(name)` and `:help name`).
    public var summary: String
    /// The parameters, in positional order.
    public var parameters: [BuiltinParameter]
    /// Whether extra positional arguments are accepted (collected in `CallArguments.rest`).
    public var isVariadic: Bool
    /// Whether a top-level call's result is not echoed (like `print` and `save`).
    public var isSilent: Bool
    /// The implementation.
    public var implementation: @Sendable (CallArguments, any Invoker) throws(BuiltinFailure) -> Value

    /// Creates a builtin.
    public init(
        name: String,
        usage: String,
        summary: String,
        parameters: [BuiltinParameter],
        isVariadic: Bool = false,
        isSilent: Bool = false,
        implementation: @escaping @Sendable (CallArguments, any Invoker) throws(BuiltinFailure) -> Value
    ) {
        self.name = name
        self.usage = usage
        self.summary = summary
        self.parameters = parameters
        self.isVariadic = isVariadic
        self.isSilent = isSilent
        self.implementation = implementation
    }
}

/// A parameter of a builtin.
public struct BuiltinParameter: Sendable, Hashable {
    /// Its name (also the keyword that passes it).
    public var name: String
    /// Whether it must be given.
    public var isRequired: Bool
    /// Whether it can only be passed by keyword (`desc:`).
    public var isKeywordOnly: Bool

    /// A positional parameter that can also be passed by keyword.
    public static func positional(_ name: String, required: Bool = true) -> BuiltinParameter {
        BuiltinParameter(name: name, isRequired: required, isKeywordOnly: false)
    }

    /// A keyword-only parameter.
    public static func keyword(_ name: String, required: Bool = false) -> BuiltinParameter {
        BuiltinParameter(name: name, isRequired: required, isKeywordOnly: true)
    }
}

/// The arguments of one builtin call, bound to parameter names.
public struct CallArguments: Sendable {
    /// The builtin's name, for messages.
    public var functionName: String
    /// Values by parameter name.
    public var values: [String: Value]
    /// Extra positional values of a variadic builtin.
    public var rest: [Value]
    /// How many positional arguments were written.
    public var positionalCount: Int
    /// Where the call is written; nil when a builtin is called from a builtin (as `sort` calls its key).
    public var site: CallSite?

    /// The value of a parameter, if given.
    public subscript(name: String) -> Value? { values[name] }

    /// A required parameter's value, or a failure naming it.
    public func required(_ name: String) throws(BuiltinFailure) -> Value {
        guard let value = values[name] else {
            throw BuiltinFailure(message: "\(functionName)() needs '\(name)'", argument: nil, id: "argument.missing")
        }
        return value
    }

    /// A parameter that must be a string.
    public func string(_ name: String) throws(BuiltinFailure) -> String? {
        guard let value = values[name] else { return nil }
        guard case .string(let text) = value else {
            throw BuiltinFailure.type(functionName, name, expected: "a string", found: value)
        }
        return text
    }

    /// A parameter that must be a whole number.
    public func integer(_ name: String) throws(BuiltinFailure) -> Int? {
        guard let value = values[name] else { return nil }
        switch value {
        case .integer(let number): return number
        case .float(let number) where number.rounded() == number && abs(number) < 9e15: return Int(number)
        default: throw BuiltinFailure.type(functionName, name, expected: "a whole number", found: value)
        }
    }

    /// A parameter that must be a number.
    public func number(_ name: String) throws(BuiltinFailure) -> Double? {
        guard let value = values[name] else { return nil }
        guard let number = value.numberValue else {
            throw BuiltinFailure.type(functionName, name, expected: "a number", found: value)
        }
        return number
    }

    /// A parameter that must be a boolean.
    public func boolean(_ name: String) throws(BuiltinFailure) -> Bool? {
        guard let value = values[name] else { return nil }
        guard case .boolean(let flag) = value else {
            throw BuiltinFailure.type(functionName, name, expected: "true or false", found: value)
        }
        return flag
    }
}

/// Where a call is written in the source: for builtins that remember where something was defined.
public struct CallSite: Sendable, Hashable {
    /// The source the call is in.
    public var source: SourceFile
    /// The call's range in that source.
    public var range: SourceRange

    /// `name:line`, e.g. `assay.init:3` or `<cell>:1`.
    public var lineDescription: String {
        "\(source.name):\(source.location(of: range.start).line)"
    }
}

/// Why a builtin failed: a message about one of its arguments, or an error from a lambda it called.
public struct BuiltinFailure: Error, Sendable {
    /// One sentence saying what went wrong.
    public var message: String
    /// What to do about it.
    public var hint: String?
    /// The parameter the problem is in; the diagnostic then points at that argument.
    public var argument: String?
    /// The stable diagnostic id.
    public var id: String
    /// An error raised inside a function the builtin called, passed through unchanged.
    public var propagated: EvaluationError?

    /// Creates a failure.
    public init(message: String, hint: String? = nil, argument: String? = nil, id: String = "value.invalid") {
        self.message = message
        self.hint = hint
        self.argument = argument
        self.id = id
    }

    /// Passes on an error from a called function.
    public init(propagating error: EvaluationError) {
        self.message = ""
        self.id = "propagated"
        self.propagated = error
    }

    /// The failure on one line: its message, or for an error passed through from a called function,
    /// that function's diagnostic with its place (`<cell>:1:12: …`, see
    /// ``DiagnosticRenderer/oneLine(_:)``).
    public var oneLine: String {
        switch propagated {
        case .diagnostic(let diagnostic)?: DiagnosticRenderer().oneLine(diagnostic)
        case .interrupted?: "interrupted"
        case nil: message
        }
    }

    /// A failure for an argument of the wrong type.
    public static func type(_ function: String, _ argument: String, expected: String, found: Value) -> BuiltinFailure {
        BuiltinFailure(
            message: "\(function)() expects \(expected) for '\(argument)', got \(found.typeName)",
            argument: argument, id: "type.argument"
        )
    }
}

/// What a builtin may ask of the interpreter that called it.
public protocol Invoker {
    /// Calls a function value with positional arguments.
    func call(_ function: Value, _ arguments: [Value]) throws(BuiltinFailure) -> Value
    /// Calls a function value with one argument, as builtins call a lambda for each element.
    func call(_ function: Value, with argument: Value) throws(BuiltinFailure) -> Value
    /// Throws when the user has asked to interrupt.
    func checkInterruption() throws(BuiltinFailure)
    /// Writes text to the cell's standard output.
    func write(_ text: String)
}

extension Invoker {
    public func call(_ function: Value, with argument: Value) throws(BuiltinFailure) -> Value {
        try call(function, [argument])
    }
}
