/// Named members kept in the order their keys were first added: the storage of JSON objects
/// (``JSONObject``) and of the language's records.
///
/// The members are one array of key-value pairs. A lookup scans it while there are few: suites
/// hold a million objects of a few short keys each, and for those a scan is as fast as hashing
/// while a dictionary beside the array would cost a second allocation and most of the memory.
/// From ``indexThreshold`` members on, a dictionary from key to position is kept as well, so
/// lookup in large objects stays O(1). Assigning to an existing key keeps its position; assigning
/// `nil` removes the key.
///
/// Its members are inlinable: the types built on it live in other modules and sit on the hot path
/// of loading large suites, where an unspecialised generic call per lookup would show.
public struct OrderedMembers<Value> {
    /// The members, in order.
    @usableFromInline var storage: [(key: String, value: Value)] = []
    /// The position of each key; only with at least ``indexThreshold`` members.
    @usableFromInline var index: [String: Int]?

    /// The number of members from which lookups go through a dictionary instead of a scan.
    public static var indexThreshold: Int { 16 }

    /// No members.
    @inlinable public init() {}

    /// The members in order.
    @inlinable public var pairs: [(key: String, value: Value)] { storage }
    /// The keys in order.
    @inlinable public var keys: [String] { storage.map(\.key) }
    /// The values in key order.
    @inlinable public var values: [Value] { storage.map(\.value) }
    /// The number of members.
    @inlinable public var count: Int { storage.count }
    /// Whether there are no members.
    @inlinable public var isEmpty: Bool { storage.isEmpty }
    /// The member at `position` (0 ..< count).
    @inlinable public func member(at position: Int) -> (key: String, value: Value) { storage[position] }

    /// Where `key` is, if present.
    @inlinable public func position(of key: String) -> Int? {
        if let index { return index[key] }
        return storage.firstIndex { $0.key == key }
    }

    /// The value stored under `key`; setting `nil` removes the member.
    @inlinable public subscript(key: String) -> Value? {
        get { position(of: key).map { storage[$0].value } }
        set {
            if let newValue {
                set(newValue, for: key)
            } else if let found = position(of: key) {
                storage.remove(at: found)
                rebuildIndex()
            }
        }
    }

    /// Stores `value` under `key`: in place when the key exists, else as the last member.
    @inlinable public mutating func set(_ value: Value, for key: String) {
        if let found = position(of: key) {
            storage[found].value = value
            return
        }
        storage.append((key, value))
        if index != nil {
            index![key] = storage.count - 1
        } else if storage.count >= Self.indexThreshold {
            rebuildIndex()
        }
    }

    /// Reserves room for `capacity` members.
    @inlinable public mutating func reserveCapacity(_ capacity: Int) {
        storage.reserveCapacity(capacity)
    }

    @inlinable mutating func rebuildIndex() {
        guard storage.count >= Self.indexThreshold else {
            index = nil
            return
        }
        var positions: [String: Int] = [:]
        positions.reserveCapacity(storage.count)
        for (position, member) in storage.enumerated() { positions[member.key] = position }
        index = positions
    }
}

extension OrderedMembers: Sendable where Value: Sendable {}

extension OrderedMembers: Equatable where Value: Equatable {
    /// The same keys in the same order with equal values.
    @inlinable public static func == (lhs: OrderedMembers, rhs: OrderedMembers) -> Bool {
        guard lhs.storage.count == rhs.storage.count else { return false }
        for (left, right) in zip(lhs.storage, rhs.storage) where left.key != right.key || left.value != right.value {
            return false
        }
        return true
    }
}
