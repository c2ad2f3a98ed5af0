import AssayCore

/// A value of the language.
public enum Value: Sendable {
    case null
    case boolean(Bool)
    case integer(Int)
    case float(Double)
    case string(String)
    case list([Value])
    case record(Record)
    /// Boxed: a function (a lambda with its body and source, or a builtin) is several times the
    /// size of every other payload, and an unboxed one made each value of a million-element list
    /// (a loaded suite's cases) twice as large.
    indirect case function(Function)
    /// A domain object (suite, case, template, model, run, comparison …) that exposes fields by path.
    case object(any DomainObject)

    /// The name of the value's type as `type(x)` reports it.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .boolean: return "boolean"
        case .integer: return "integer"
        case .float: return "float"
        case .string: return "string"
        case .list: return "list"
        case .record: return "record"
        case .function: return "function"
        case .object(let object): return object.typeName
        }
    }

    /// The value as a Double, when it is a number (or an object that stands for one).
    public var numberValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .float(let value): return value
        case .object(let object): return object.numericValue
        default: return nil
        }
    }

    /// The value as a Double when it is an integer or a float (not an object standing for a number,
    /// whose members paths still reach: `r/summary/exact/mean`).
    public var plainNumber: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .float(let value): return value
        default: return nil
        }
    }

    /// Whether the value counts as true in `and`, `or`, `not` and `filter`.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .boolean(let value): return value
        case .integer(let value): return value != 0
        case .float(let value): return value != 0
        case .string(let value): return !value.isEmpty
        case .list(let values): return !values.isEmpty
        case .record(let record): return !record.isEmpty
        case .function, .object: return true
        }
    }
}

extension Value: Equatable {
    /// Structural equality; integers and floats compare by numeric value.
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.boolean(let a), .boolean(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.record(let a), .record(let b)): return a == b
        case (.function(let a), .function(let b)): return a.identity == b.identity
        case (.object(let a), .object(let b)): return a.isSame(as: b)
        default:
            if let a = lhs.numberValue, let b = rhs.numberValue { return a == b }
            return false
        }
    }
}

extension Value: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .boolean(let value): hasher.combine(value)
        case .integer(let value): hasher.combine(Double(value))
        case .float(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .list(let values): hasher.combine(values)
        case .record(let record): hasher.combine(record)
        case .function(let function): hasher.combine(function.identity)
        case .object(let object): hasher.combine(object.typeName)
        }
    }
}
