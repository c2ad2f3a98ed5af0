import AssayCore

/// One case of a suite: an id and every field of its record.
///
/// `fields` always holds `id` as its first member. The conventional fields `input`, `expected`
/// and `tags` have conveniences; every other field passes through to templates untouched.
///
/// A case loaded from a JSONL file keeps its line of the file instead of its fields (a
/// ``SuiteText`` shared by every case of the suite): a million cases then cost their text and
/// a few words each, not one heap object per field. ``fields`` parses the line when asked, and
/// ``field(_:)`` reads one field from it; either way the case reads as if it held its fields.
public struct TestCase: Sendable, Hashable {
    /// The case's id, unique within its suite.
    public let id: String
    private let storage: Storage

    /// Sixteen bytes, so that a case is 32: a million-case suite keeps a million of them.
    private enum Storage: Sendable {
        case object(JSONObject)
        /// The record's text: a span of `text`.
        case text(SuiteText, TextSpan)
    }

    /// Every field of the record, `id` first.
    public var fields: JSONObject {
        switch storage {
        case .object(let fields):
            return fields
        case .text(let text, let span):
            return Self.fields(of: text.value(start: span.start, count: span.count), id: id)
        }
    }

    /// The fields of a case kept as text whose record reads as `record`, `id` first.
    private static func fields(of record: JSONValue?, id: String) -> JSONObject {
        guard case .object(let record)? = record else { return ["id": .string(id)] }
        if ownID(of: record) != nil { return arranged(record, id: id) }
        var content = record
        content["id"] = nil
        return arranged(content, id: id)
    }

    /// The field `key`, as `fields[key]` gives it, without making the other fields.
    public func field(_ key: String) -> JSONValue? {
        switch storage {
        case .object(let fields):
            return fields[key]
        case .text(let text, let span):
            guard key == "id" else { return text.member(key, start: span.start, count: span.count) }
            // A record's own id stays as written (`7` or `"7"`); any other case's id is a string.
            if let own = text.member("id", start: span.start, count: span.count), let ownText = Self.idText(of: own), !ownText.isEmpty {
                return own
            }
            return .string(id)
        }
    }

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
        storage = .object(Self.arranged(fields, id: id))
    }

    /// Creates a case whose id comes from `fields`: its `id` when that is a non-empty string or
    /// an integer, else its `uuid` (as GoTaglio's suites name it), otherwise ``derivedID(for:)``.
    ///
    /// - Parameter fields: The record's fields.
    public init(fields: JSONObject) {
        if let own = Self.ownID(of: fields) {
            self.init(id: own, fields: fields)
        } else {
            var content = fields
            content["id"] = nil
            self.init(id: Self.derivedID(for: content), fields: content)
        }
    }

    /// A case kept as its record's text: `count` bytes of `text` from `start`, a record that
    /// parsed, whose id is `id` (as ``init(fields:)`` gives it for that record).
    ///
    /// A record too long for a ``TextSpan`` keeps its fields instead.
    init(id: String, text: SuiteText, start: Int, count: Int) {
        self.id = id
        if let span = TextSpan(start: start, count: count) {
            storage = .text(text, span)
        } else {
            storage = .object(Self.fields(of: text.value(start: start, count: count), id: id))
        }
    }

    /// The id a record names for itself: its `id` when that is a non-empty string or an integer,
    /// else (when it has no `id`) its non-empty `uuid`; `nil` when its id must be derived.
    static func ownID(of fields: JSONObject) -> String? {
        if let existing = fields["id"], let text = idText(of: existing), !text.isEmpty { return text }
        if fields["id"] == nil, let uuid = fields["uuid"], let text = idText(of: uuid), !text.isEmpty { return text }
        return nil
    }

    /// `fields` with `id` first: the member already there when it spells `id`, else the string.
    private static func arranged(_ fields: JSONObject, id: String) -> JSONObject {
        let existing = fields["id"]
        if fields.firstKey == "id", let existing, idText(of: existing) == id {
            // Already in place (a suite's records usually start with their id): no copy.
            return fields
        }
        let stored: JSONValue = existing.flatMap(idText(of:)) == id ? existing! : .string(id)
        return fields.placingFirst("id", value: stored)
    }

    /// The same id and the same fields.
    public static func == (lhs: TestCase, rhs: TestCase) -> Bool {
        guard lhs.id == rhs.id else { return false }
        if case .text(let left, let leftSpan) = lhs.storage, case .text(let right, let rightSpan) = rhs.storage,
           left === right, leftSpan.start == rightSpan.start {
            return true
        }
        return lhs.fields == rhs.fields
    }

    /// Hashes the id and the fields.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(fields)
    }

    /// The `input` field, else GoTaglio's `user`, if present.
    public var input: JSONValue? {
        field("input") ?? field("user")
    }

    /// The `expected` field, if present.
    public var expected: JSONValue? {
        field("expected")
    }

    /// The `tags` field as strings (else GoTaglio's `keywords`): a list's string elements, or a
    /// single string as one tag.
    public var tags: [String] {
        switch field("tags") ?? field("keywords") {
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
        sha256Hex(JSONValue.object(fields).canonicalBytes(), digits: 12)
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
