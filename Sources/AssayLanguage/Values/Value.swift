/// A value of the language.
public enum Value: Sendable {
    case null
    case boolean(Bool)
    case integer(Int)
    case float(Double)
    case string(String)
    case list([Value])
    case record(Record)
    case function(Function)
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

/// An ordered record of named values.
///
/// The members are one array of key-value pairs, scanned on lookup while the record is small
/// (a suite's million case records have a few short keys each: a scan is as fast as hashing,
/// and a dictionary beside the array would double each record's memory). From
/// `indexThreshold` members on, a dictionary from key to position is kept as well.
public struct Record: Sendable, Hashable {
    private var members: [(key: String, value: Value)] = []
    /// The position of each key; only for records of at least `indexThreshold` members.
    private var index: [String: Int]?

    /// The number of members from which lookups go through a dictionary instead of a scan.
    static let indexThreshold = 16

    /// Creates an empty record.
    public init() {}

    /// Creates a record from key–value pairs in order; a later duplicate key replaces the earlier value.
    public init(_ pairs: [(String, Value)]) {
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// The keys in insertion order.
    public var keys: [String] { members.map(\.key) }
    /// The number of keys.
    public var count: Int { members.count }
    /// Whether the record has no keys.
    public var isEmpty: Bool { members.isEmpty }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    /// The value at a key.
    public subscript(key: String) -> Value? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let newValue {
                if let found = position(of: key) {
                    members[found].value = newValue
                    return
                }
                members.append((key, newValue))
                if index != nil {
                    index![key] = members.count - 1
                } else if members.count >= Self.indexThreshold {
                    rebuildIndex()
                }
            } else if let found = position(of: key) {
                members.remove(at: found)
                rebuildIndex()
            }
        }
    }

    private mutating func rebuildIndex() {
        guard members.count >= Self.indexThreshold else {
            index = nil
            return
        }
        var positions: [String: Int] = [:]
        positions.reserveCapacity(members.count)
        for (position, member) in members.enumerated() { positions[member.key] = position }
        index = positions
    }

    /// Reserves room for `capacity` members.
    public mutating func reserveCapacity(_ capacity: Int) {
        members.reserveCapacity(capacity)
    }

    /// The key–value pairs in order.
    public var pairs: [(key: String, value: Value)] { members }

    /// The values in key order.
    public var values: [Value] { members.map(\.value) }

    public static func == (lhs: Record, rhs: Record) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (left, right) in zip(lhs.members, rhs.members) where left.key != right.key || left.value != right.value {
            return false
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members { hasher.combine(member.key) }
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
