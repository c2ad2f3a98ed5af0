/// A JSON object that remembers the order in which its keys were first added.
///
/// Assigning to an existing key keeps its position; assigning `nil` removes the key. Two objects
/// are equal when they hold the same keys in the same order with equal values, so equal objects
/// always serialize to the same text. The members are kept by ``OrderedMembers``.
public struct JSONObject: Sendable, Hashable {
    /// The members, in order.
    private var members = OrderedMembers<JSONValue>()

    /// Creates an empty object.
    public init() {}

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
        members.keys
    }

    /// The first key, if any (without building ``keys``).
    package var firstKey: String? {
        members.pairs.first?.key
    }

    /// The number of members.
    public var count: Int {
        members.count
    }

    /// Whether the object has no members.
    public var isEmpty: Bool {
        members.isEmpty
    }

    /// The value stored under `key`; setting `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    /// The values, in key order.
    public var values: [JSONValue] {
        members.values
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
        copy.members.set(value, for: key)
        for member in members.pairs where member.key != key {
            copy.members.set(member.value, for: member.key)
        }
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
            members.set(member.value, for: member.key)
        }
    }

    /// Reserves room for `capacity` members.
    package mutating func reserveCapacity(_ capacity: Int) {
        members.reserveCapacity(capacity)
    }

    /// Compares keys in order, then values.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members == rhs.members
    }

    /// Hashes keys and values in order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members.pairs {
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
            let member = object.members.member(at: position)
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
