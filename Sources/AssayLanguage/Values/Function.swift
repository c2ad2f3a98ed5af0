/// A callable value: a lambda written in the language, or a builtin provided by the host.
public struct Function: Sendable {
    /// What the function is.
    public enum Body: Sendable {
        case lambda(Lambda)
        case builtin(Builtin)
    }

    /// What the function is.
    public var body: Body
    /// An identity for equality.
    let identity: Int

    /// Wraps a lambda.
    public init(lambda: Lambda) {
        self.body = .lambda(lambda)
        self.identity = lambda.body.range.start &* 31 &+ lambda.body.range.end
    }

    /// Wraps a builtin.
    public init(builtin: Builtin) {
        self.body = .builtin(builtin)
        self.identity = builtin.name.hashValue
    }

    /// A short description for printing: `<lambda (c) => …>` or `<builtin len>`.
    public var displayName: String {
        switch body {
        case .lambda(let lambda): return "<lambda (\(lambda.parameters.map(\.name).joined(separator: ", ")))>"
        case .builtin(let builtin): return "<builtin \(builtin.name)>"
        }
    }
}

/// A lambda: parameters, a body, and the local bindings it closed over.
///
/// A class, so that a function value holding it is copied with one retain: a builtin such as
/// `filter` calls its lambda once per element, and copying the parameters, body, scope and
/// source of a struct cost a retain and a release of each on every call.
public final class Lambda: Sendable {
    /// The parameters.
    public let parameters: [Parameter]
    /// The body expression.
    public let body: Expression
    /// The bindings of enclosing lambdas at the point of creation.
    public let captured: Scope?
    /// The source the body points into.
    public let source: SourceFile
    /// The parameters' names, in order: the names of the scope of each call.
    let names: [String]

    /// Creates a lambda.
    public init(parameters: [Parameter], body: Expression, captured: Scope?, source: SourceFile) {
        self.parameters = parameters
        self.body = body
        self.captured = captured
        self.source = source
        names = parameters.map(\.name)
    }
}

/// An immutable chain of local bindings (lambda parameters). Globals live in the interpreter.
///
/// A call's scope holds its lambda's parameter names and the arguments: looking a name up
/// compares it with the few names of each scope, which costs less than making and hashing a
/// dictionary for every call. The first argument is held apart from the others, so that the
/// scope of a one-parameter lambda (a builtin calls one per element) needs no array.
public final class Scope: Sendable {
    let names: [String]
    /// The value of `names[0]` (null when there are no names).
    let first: Value
    /// The values of `names[1...]`.
    let rest: [Value]
    let parent: Scope?

    /// A scope binding `names[i]` to `values[i]`; the two have the same count and the names differ.
    convenience init(names: [String], values: [Value], parent: Scope?) {
        self.init(names: names, first: values.first ?? .null, rest: Array(values.dropFirst()), parent: parent)
    }

    /// A scope binding `names[0]` to `first` and the others to `rest`.
    init(names: [String], first: Value, rest: [Value], parent: Scope?) {
        self.names = names
        self.first = first
        self.rest = rest
        self.parent = parent
    }

    func lookup(_ name: String) -> Value? {
        var scope: Scope? = self
        while let current = scope {
            for index in current.names.indices where current.names[index] == name {
                return index == 0 ? current.first : current.rest[index - 1]
            }
            scope = current.parent
        }
        return nil
    }

    var allNames: [String] { names + (parent?.allNames ?? []) }
}
