import AssayCore

/// One case of a suite: an id and every field of its record.
///
/// `fields` always holds `id` as its first member. The conventional fields `input`, `expected`
/// and `tags` have conveniences; every other field passes through to templates untouched.
public struct TestCase: Sendable, Hashable {
    /// The case's id, unique within its suite.
    public let id: String
    /// Every field of the record, `id` first.
    public let fields: JSONObject

    /// Creates a case with an explicit id.
    ///
    /// An `id` already in `fields` is kept (moved first) when it spells the same id, as the
    /// integer `7` does for `"7"`; otherwise it is replaced by the string `id`.
    ///
    /// - Parameters:
    ///   - id: The case's id.
    ///   - fields: The record's fields.
    public init(id: String, fields: JSONObject) {
        self.id = id
        let existing = fields["id"]
        if fields.firstKey == "id", let existing, Self.idText(of: existing) == id {
            // Already in place (a suite's records usually start with their id): no copy.
            self.fields = fields
            return
        }
        let stored: JSONValue = existing.flatMap(Self.idText(of:)) == id ? existing! : .string(id)
        self.fields = fields.placingFirst("id", value: stored)
    }

    /// Creates a case whose id comes from `fields`: its `id` when that is a non-empty string or
    /// an integer, else its `uuid` (as GoTaglio's suites name it), otherwise ``derivedID(for:)``.
    ///
    /// - Parameter fields: The record's fields.
    public init(fields: JSONObject) {
        if let existing = fields["id"], let text = Self.idText(of: existing), !text.isEmpty {
            self.init(id: text, fields: fields)
        } else if fields["id"] == nil, let uuid = fields["uuid"], let text = Self.idText(of: uuid), !text.isEmpty {
            self.init(id: text, fields: fields)
        } else {
            var content = fields
            content["id"] = nil
            self.init(id: Self.derivedID(for: content), fields: content)
        }
    }

    /// The `input` field, else GoTaglio's `user`, if present.
    public var input: JSONValue? {
        fields["input"] ?? fields["user"]
    }

    /// The `expected` field, if present.
    public var expected: JSONValue? {
        fields["expected"]
    }

    /// The `tags` field as strings (else GoTaglio's `keywords`): a list's string elements, or a
    /// single string as one tag.
    public var tags: [String] {
        switch fields["tags"] ?? fields["keywords"] {
        case .array(let elements)?: elements.compactMap(\.stringValue)
        case .string(let tag)?: [tag]
        default: []
        }
    }

    /// The id a record without one receives: the first 12 hexadecimal digits of the SHA-256 of
    /// its fields serialized as compact JSON with keys sorted (by UTF-8 bytes) at every level.
    ///
    /// The same content always gives the same id, whatever order its keys were written in and
    /// whichever file format it came from; any change to a value gives a different id.
    ///
    /// - Parameter fields: The record's fields, without `id`.
    /// - Returns: Twelve lowercase hexadecimal digits.
    public static func derivedID(for fields: JSONObject) -> String {
        String(sha256Hex(JSONValue.object(fields).canonicalBytes()).prefix(12))
    }

    /// The text of an id value: strings as they are, integers in decimal; `nil` otherwise.
    static func idText(of value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        default: nil
        }
    }
}
