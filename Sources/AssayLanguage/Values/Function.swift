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
public struct Lambda: Sendable {
    /// The parameters.
    public var parameters: [Parameter]
    /// The body expression.
    public var body: Expression
    /// The bindings of enclosing lambdas at the point of creation.
    public var captured: Scope?
    /// The source the body points into.
    public var source: SourceFile
}

/// An immutable chain of local bindings (lambda parameters). Globals live in the interpreter.
public final class Scope: Sendable {
    let bindings: [String: Value]
    let parent: Scope?

    init(bindings: [String: Value], parent: Scope?) {
        self.bindings = bindings
        self.parent = parent
    }

    func lookup(_ name: String) -> Value? {
        if let value = bindings[name] { return value }
        return parent?.lookup(name)
    }

    var allNames: [String] { Array(bindings.keys) + (parent?.allNames ?? []) }
}
