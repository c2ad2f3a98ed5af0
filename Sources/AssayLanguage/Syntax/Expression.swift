/// An expression of the language with its source range.
public struct Expression: Sendable, Hashable {
    /// What the expression is.
    public indirect enum Kind: Sendable, Hashable {
        case null
        case boolean(Bool)
        case integer(Int)
        case float(Double)
        case string(String)
        case name(String)
        case list([Expression])
        case record([RecordEntry])
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        case call(Expression, [Argument])
        case path(Expression, [PathStep])
        case lambda([Parameter], Expression)
    }

    /// What the expression is.
    public var kind: Kind
    /// Where it is.
    public var range: SourceRange

    /// Creates an expression.
    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// A `key: value` entry of a record literal.
public struct RecordEntry: Sendable, Hashable {
    /// The key as written (a name or a string).
    public var key: String
    /// Where the key is.
    public var keyRange: SourceRange
    /// The value.
    public var value: Expression
}

/// An argument of a call: positional, or `label: value`.
public struct Argument: Sendable, Hashable {
    /// The keyword, when the argument has one.
    public var label: String?
    /// Where the keyword is (or the value, for a positional argument).
    public var labelRange: SourceRange
    /// The value.
    public var value: Expression
}

/// A lambda parameter.
public struct Parameter: Sendable, Hashable {
    /// Its name.
    public var name: String
    /// Where it is declared.
    public var range: SourceRange
}

/// One step of a path: `/name`, `/3`, `/-1`, `/"odd key"`, `/*`, or `[expr]`, optionally with `?`.
public struct PathStep: Sendable, Hashable {
    /// What the step selects.
    public indirect enum Selector: Sendable, Hashable {
        /// A record key or member written as a name (`/summary`).
        case name(String)
        /// A list index, negative from the end (`/3`, `/-1`).
        case index(Int)
        /// A record key written as a string (`/"odd key"`).
        case key(String)
        /// Every element (`/*`).
        case wildcard
        /// A key computed at run time (`[expr]`).
        case computed(Expression)
    }

    /// What the step selects.
    public var selector: Selector
    /// Whether `?` follows: a missing key then gives null instead of an error.
    public var isOptional: Bool
    /// Where the step is, without the leading `/`.
    public var range: SourceRange
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case not = "not"
}

/// Infix operators.
public enum BinaryOperator: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and = "and", or = "or", `in` = "in", notIn = "not in"
}

/// A statement: an assignment or an expression.
public struct Statement: Sendable, Hashable {
    /// What the statement is.
    public enum Kind: Sendable, Hashable {
        case assignment(name: String, nameRange: SourceRange, value: Expression)
        case expression(Expression)
    }

    /// What the statement is.
    public var kind: Kind
    /// Where it is.
    public var range: SourceRange
}

/// A parsed cell or script.
public struct Program: Sendable, Hashable {
    /// The statements in order.
    public var statements: [Statement]
    /// The source they came from.
    public var source: SourceFile

    /// Creates a program.
    public init(statements: [Statement], source: SourceFile) {
        self.statements = statements
        self.source = source
    }
}
