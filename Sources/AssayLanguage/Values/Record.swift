import AssayCore

/// An ordered record of named values, kept by ``OrderedMembers``: a later value for a key
/// replaces the earlier one in its place.
///
/// A record may also stand for one record of a ``RecordSource`` (a loaded suite's case) without
/// holding its members: a million-case suite then costs no heap object per case in the
/// language, and reading one member (`c/tags`) asks the source for that member alone. Anything
/// that needs every member, or changes one, makes the members first; the record behaves the
/// same either way.
public struct Record: Sendable, Hashable {
    private enum Storage: Sendable {
        case members(OrderedMembers<Value>)
        case deferred(any RecordSource, position: Int)
    }

    private var storage: Storage

    /// Creates an empty record.
    public init() {
        storage = .members(OrderedMembers())
    }

    /// Creates a record from key–value pairs in order; a later duplicate key replaces the earlier value.
    public init(_ pairs: [(String, Value)]) {
        var members = OrderedMembers<Value>()
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs { members[key] = value }
        storage = .members(members)
    }

    /// The record at `position` of `source`, made from it only when its members are needed.
    public init(source: any RecordSource, position: Int) {
        storage = .deferred(source, position: position)
    }

    /// The source and position this record stands for, while its members have not been made.
    public var deferral: (source: any RecordSource, position: Int)? {
        if case .deferred(let source, let position) = storage { return (source, position) }
        return nil
    }

    /// The members, made from the source when the record is deferred.
    private var members: OrderedMembers<Value> {
        switch storage {
        case .members(let members): members
        case .deferred(let source, let position): source.record(at: position).members
        }
    }

    /// The keys in insertion order.
    public var keys: [String] { members.keys }
    /// The number of keys.
    public var count: Int { members.count }
    /// Whether the record has no keys.
    public var isEmpty: Bool { members.isEmpty }

    /// The value at a key.
    public subscript(key: String) -> Value? {
        get {
            switch storage {
            case .members(let members): members[key]
            case .deferred(let source, let position): source.member(key, at: position)
            }
        }
        set {
            var members = self.members
            storage = .members(OrderedMembers())
            members[key] = newValue
            storage = .members(members)
        }
    }

    /// Reserves room for `capacity` members.
    public mutating func reserveCapacity(_ capacity: Int) {
        var members = self.members
        storage = .members(OrderedMembers())
        members.reserveCapacity(capacity)
        storage = .members(members)
    }

    /// The key–value pairs in order.
    public var pairs: [(key: String, value: Value)] { members.pairs }

    /// The values in key order.
    public var values: [Value] { members.values }

    public static func == (lhs: Record, rhs: Record) -> Bool {
        if case .deferred(let left, let leftPosition) = lhs.storage, case .deferred(let right, let rightPosition) = rhs.storage,
           left === right, leftPosition == rightPosition {
            return true
        }
        return lhs.members == rhs.members
    }

    public func hash(into hasher: inout Hasher) {
        let members = self.members
        hasher.combine(members.count)
        for member in members.pairs { hasher.combine(member.key) }
    }
}

/// Records held elsewhere in a compact form (a loaded suite's cases), made into ``Record``s only
/// when they are read: see ``Record/init(source:position:)``.
public protocol RecordSource: AnyObject, Sendable {
    /// The record at `position`, with every member.
    func record(at position: Int) -> Record
    /// The member `key` of the record at `position`, without making the other members.
    func member(_ key: String, at position: Int) -> Value?
}
