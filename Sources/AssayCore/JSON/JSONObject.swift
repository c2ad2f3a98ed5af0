/// A JSON object that remembers the order in which its keys were first added.
///
/// Lookup is O(1) (a dictionary beside an array of keys). Assigning to an existing key keeps its
/// position; assigning `nil` removes the key. Two objects are equal when they hold the same keys in
/// the same order with equal values, so equal objects always serialize to the same text.
public struct JSONObject: Sendable, Hashable {
    /// The keys, in order.
    public private(set) var keys: [String]
    private var storage: [String: JSONValue]

    /// Creates an empty object.
    public init() {
        keys = []
        storage = [:]
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

    /// The number of members.
    public var count: Int {
        keys.count
    }

    /// Whether the object has no members.
    public var isEmpty: Bool {
        keys.isEmpty
    }

    /// The value stored under `key`; setting `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil {
                    keys.append(key)
                }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The values, in key order.
    public var values: [JSONValue] {
        keys.map { storage[$0]! }
    }

    /// Returns a copy whose member `key` comes first, holding `value`.
    ///
    /// - Parameters:
    ///   - key: The key to place first.
    ///   - value: The value to store under it.
    /// - Returns: The reordered object.
    public func placingFirst(_ key: String, value: JSONValue) -> JSONObject {
        var copy = JSONObject()
        copy.keys.reserveCapacity(keys.count + 1)
        copy[key] = value
        for existing in keys where existing != key {
            copy.keys.append(existing)
            copy.storage[existing] = storage[existing]
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

    /// Adds a member while parsing, where keys arrive in order; a repeated key keeps its first
    /// position and takes the new value.
    mutating func appendParsed(key: String, value: JSONValue) {
        if storage.updateValue(value, forKey: key) == nil {
            keys.append(key)
        }
    }

    /// Reserves room for `capacity` members.
    package mutating func reserveCapacity(_ capacity: Int) {
        keys.reserveCapacity(capacity)
        storage.reserveCapacity(capacity)
    }

    /// Compares keys in order, then values.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.keys == rhs.keys && lhs.storage == rhs.storage
    }

    /// Hashes keys and values in order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys.count)
        for key in keys {
            hasher.combine(key)
            hasher.combine(storage[key])
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
            guard position < object.keys.count else { return nil }
            let key = object.keys[position]
            position += 1
            return (key, object.storage[key]!)
        }
    }

    /// Returns an iterator over the members in key order.
    public func makeIterator() -> Iterator {
        Iterator(self)
    }

    /// The number of members.
    public var underestimatedCount: Int {
        keys.count
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
