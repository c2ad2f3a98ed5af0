/// A JSON object that remembers the order in which its keys were first added.
///
/// Assigning to an existing key keeps its position; assigning `nil` removes the key. Two objects
/// are equal when they hold the same keys in the same order with equal values, so equal objects
/// always serialize to the same text.
///
/// The members are one array of key-value pairs. A lookup scans it while the object is small:
/// suites hold a million objects of a few short keys each, and for those a scan is as fast as
/// hashing while a dictionary beside the array would cost a second allocation and most of the
/// memory. From ``indexThreshold`` members on, a dictionary from key to position is kept as well,
/// so lookup in large objects stays O(1).
public struct JSONObject: Sendable, Hashable {
    /// The members, in order.
    private var members: [(key: String, value: JSONValue)]
    /// The position of each key; only for objects of at least `indexThreshold` members.
    private var index: [String: Int]?

    /// The number of members from which lookups go through a dictionary instead of a scan.
    static let indexThreshold = 16

    /// Creates an empty object.
    public init() {
        members = []
        index = nil
    }

    /// Creates an object from key-value pairs in order; a repeated key keeps its first position
    /// and its last value.
    ///
    /// - Parameter pairs: The members, in order.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        self.init()
        for (key, value) in pairs {
            self[key] = value
        }
    }

    /// The keys, in order.
    public var keys: [String] {
        members.map(\.key)
    }

    /// The first key, if any (without building ``keys``).
    package var firstKey: String? {
        members.first?.key
    }

    /// The number of members.
    public var count: Int {
        members.count
    }

    /// Whether the object has no members.
    public var isEmpty: Bool {
        members.isEmpty
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    /// The value stored under `key`; setting `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let newValue {
                append(key: key, value: newValue)
            } else if let found = position(of: key) {
                members.remove(at: found)
                rebuildIndex()
            }
        }
    }

    /// Stores `value` under `key`: in place when the key exists, else as the last member.
    private mutating func append(key: String, value: JSONValue) {
        if let found = position(of: key) {
            members[found].value = value
            return
        }
        members.append((key, value))
        if index != nil {
            index![key] = members.count - 1
        } else if members.count >= Self.indexThreshold {
            rebuildIndex()
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

    /// The values, in key order.
    public var values: [JSONValue] {
        members.map(\.value)
    }

    /// Returns a copy whose member `key` comes first, holding `value`.
    ///
    /// - Parameters:
    ///   - key: The key to place first.
    ///   - value: The value to store under it.
    /// - Returns: The reordered object.
    public func placingFirst(_ key: String, value: JSONValue) -> JSONObject {
        var copy = JSONObject()
        copy.members.reserveCapacity(members.count + 1)
        copy.members.append((key, value))
        for member in members where member.key != key {
            copy.members.append(member)
        }
        copy.rebuildIndex()
        return copy
    }

    /// Adds the members of `other` in its order; a key already present keeps its place and takes
    /// the value from `other`.
    ///
    /// - Parameter other: The members to add.
    public mutating func merge(_ other: JSONObject) {
        for (key, value) in other {
            self[key] = value
        }
    }

    /// Returns a copy with the members of `other` added, as ``merge(_:)`` does.
    ///
    /// - Parameter other: The members to add.
    /// - Returns: The merged object.
    public func merging(_ other: JSONObject) -> JSONObject {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// An object of the members a parser read, in order; a repeated key keeps its first position
    /// and takes the later value. The storage is allocated once, at its size.
    init(parsedMembers: ArraySlice<(key: String, value: JSONValue)>) {
        self.init()
        members.reserveCapacity(parsedMembers.count)
        for member in parsedMembers {
            append(key: member.key, value: member.value)
        }
    }

    /// Reserves room for `capacity` members.
    package mutating func reserveCapacity(_ capacity: Int) {
        members.reserveCapacity(capacity)
    }

    /// Compares keys in order, then values.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (left, right) in zip(lhs.members, rhs.members) where left.key != right.key || left.value != right.value {
            return false
        }
        return true
    }

    /// Hashes keys and values in order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}

extension JSONObject: Sequence {
    /// Iterates over the members as `(key, value)` pairs, in key order.
    public struct Iterator: IteratorProtocol {
        private let object: JSONObject
        private var position = 0

        init(_ object: JSONObject) {
            self.object = object
        }

        /// The next member, or `nil` after the last.
        public mutating func next() -> (key: String, value: JSONValue)? {
            guard position < object.members.count else { return nil }
            let member = object.members[position]
            position += 1
            return member
        }
    }

    /// Returns an iterator over the members in key order.
    public func makeIterator() -> Iterator {
        Iterator(self)
    }

    /// The number of members.
    public var underestimatedCount: Int {
        members.count
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Creates an object whose keys keep the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONObject: CustomStringConvertible {
    /// The compact JSON text of the object.
    public var description: String {
        JSONValue.object(self).serialized()
    }
}
