import AssayCore
import AssayMetrics
import Foundation

/// A JSON Schema (draft 2020-12) checked once and ready to validate instances: the `json_schema`
/// metric, and the schemas that tool definitions carry.
///
/// It lives in the engine rather than beside ``JSONValue`` in AssayCore because checking a schema
/// is scoring: its `pattern` keyword uses the regular expressions the metrics use (``RegexMatch``),
/// and its violations are reported the way metrics report mismatches.
///
/// Supported: `type`, `enum`, `const`, `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`,
/// `multipleOf`, `minLength`, `maxLength`, `pattern`, `prefixItems`, `items`, `minItems`,
/// `maxItems`, `uniqueItems`, `contains` (with `minContains`/`maxContains`), `required`,
/// `properties`, `patternProperties`, `additionalProperties`, `propertyNames`, `minProperties`,
/// `maxProperties`, `dependentRequired`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`,
/// Boolean schemas, and `$ref` to a place in the same document (`#`, `#/$defs/name`, any `#/…`
/// pointer). Annotations (`title`, `description`, `format`, `default`, `examples` …) are ignored.
/// A schema using what is not supported (`$dynamicRef`, `unevaluatedProperties`, a `$ref` to
/// another document …) is refused when it is read, never half-checked.
///
/// ```swift
/// let schema = try JSONSchema(JSONValue.parse(#"{"type": "object", "required": ["name"]}"#))
/// schema.validate(["age": 3]).first?.description   // at the root: missing required property 'name'
/// ```
public struct JSONSchema: Sendable, Hashable {
    /// The schema document as given.
    public let document: JSONValue
    /// Every `pattern` and `patternProperties` key, compiled.
    let patterns: [String: RegexMatch]

    /// Keywords that change what validates but that this validator does not implement.
    static let unsupported: Set<String> = [
        "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor", "$anchor", "unevaluatedProperties",
        "unevaluatedItems", "dependentSchemas", "$vocabulary",
    ]
    /// Keywords whose value is one schema.
    static let singleSchemaKeywords = ["items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else"]
    /// Keywords whose value is a list of schemas.
    static let schemaListKeywords = ["prefixItems", "allOf", "anyOf", "oneOf"]
    /// Keywords whose value is an object of schemas.
    static let schemaMapKeywords = ["properties", "patternProperties", "$defs", "definitions"]

    /// Reads a schema and checks that it can be used: every subschema is an object or a Boolean,
    /// every `$ref` points into the document, every pattern compiles, and no keyword is one this
    /// validator does not implement.
    ///
    /// - Parameter document: The schema.
    /// - Throws: ``JSONSchemaError`` naming the place in the schema and what is wrong there.
    public init(_ document: JSONValue) throws(JSONSchemaError) {
        self.document = document
        var patterns: [String: RegexMatch] = [:]
        try Self.check(document, at: "", root: document, patterns: &patterns)
        self.patterns = patterns
    }

    /// The violations of an instance, in the order the schema is checked, at most `limit`.
    ///
    /// - Parameters:
    ///   - instance: The value to check.
    ///   - limit: The most violations to report.
    /// - Returns: No violation when the instance is valid.
    public func validate(_ instance: JSONValue, limit: Int = 10) -> [JSONSchemaViolation] {
        var validation = Validation(schema: self, limit: max(limit, 1))
        validation.check(instance, against: document, at: "", depth: 0)
        return validation.violations
    }

    /// Whether an instance is valid.
    public func isValid(_ instance: JSONValue) -> Bool {
        validate(instance, limit: 1).isEmpty
    }

    /// The subschema a local `$ref` points to, or nil when it does not resolve.
    func resolve(_ reference: String) -> JSONValue? {
        Self.resolve(reference, in: document)
    }

    /// The subschema of `document` a local `$ref` points to.
    static func resolve(_ reference: String, in document: JSONValue) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        let fragment = String(reference.dropFirst()).removingPercentEncoding ?? String(reference.dropFirst())
        if fragment.isEmpty { return document }
        guard fragment.hasPrefix("/") else { return nil }
        var current = document
        for token in fragment.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let key = JSONPointer.unescape(String(token))
            switch current {
            case .object(let object): guard let next = object[key] else { return nil }; current = next
            case .array(let items): guard let index = Int(key), items.indices.contains(index) else { return nil }; current = items[index]
            default: return nil
            }
        }
        return current
    }

    /// Checks one subschema and those inside it.
    private static func check(_ schema: JSONValue, at place: String, root: JSONValue, patterns: inout [String: RegexMatch]) throws(JSONSchemaError) {
        if case .bool = schema { return }
        guard let object = schema.objectValue else {
            throw JSONSchemaError(place, "a schema must be an object or a Boolean, not \(schema.kindDescription)")
        }
        for (key, value) in object {
            let inner = place + "/" + JSONPointer.escape(key)
            if unsupported.contains(key) {
                throw JSONSchemaError(inner, "'\(key)' is not supported", hint: "json_schema checks draft 2020-12's validation keywords and local $ref; remove '\(key)'")
            }
            switch key {
            case "$id" where !place.isEmpty:
                throw JSONSchemaError(inner, "a nested '$id' is not supported", hint: "refer to subschemas with local pointers such as #/$defs/name")
            case "$ref":
                guard let reference = value.stringValue else { throw JSONSchemaError(inner, "'$ref' must be a string") }
                guard reference.hasPrefix("#") else {
                    throw JSONSchemaError(inner, "'$ref' \(reference) points outside the schema", hint: "only references into the same schema (#/$defs/name) are supported")
                }
                guard reference == "#" || reference.hasPrefix("#/") else {
                    throw JSONSchemaError(inner, "'$ref' to an anchor (\(reference)) is not supported", hint: "refer with a pointer such as #/$defs/name")
                }
                guard resolve(reference, in: root) != nil else { throw JSONSchemaError(inner, "'$ref' \(reference) points to nothing in the schema") }
            case "pattern":
                guard let pattern = value.stringValue else { throw JSONSchemaError(inner, "'pattern' must be a string") }
                try compile(pattern, at: inner, into: &patterns)
            case "type":
                let names = value.arrayValue?.compactMap(\.stringValue) ?? value.stringValue.map { [$0] } ?? []
                guard !names.isEmpty, names.allSatisfy(JSONType.names.contains) else {
                    throw JSONSchemaError(inner, "'type' must be one of \(JSONType.names.joined(separator: ", ")) or a list of them")
                }
            case _ where singleSchemaKeywords.contains(key):
                try check(value, at: inner, root: root, patterns: &patterns)
            case _ where schemaListKeywords.contains(key):
                guard let list = value.arrayValue else { throw JSONSchemaError(inner, "'\(key)' must be a list of schemas") }
                for (index, item) in list.enumerated() { try check(item, at: inner + "/\(index)", root: root, patterns: &patterns) }
            case _ where schemaMapKeywords.contains(key):
                guard let map = value.objectValue else { throw JSONSchemaError(inner, "'\(key)' must be an object of schemas") }
                for (name, item) in map {
                    if key == "patternProperties" { try compile(name, at: inner, into: &patterns) }
                    try check(item, at: inner + "/" + JSONPointer.escape(name), root: root, patterns: &patterns)
                }
            default:
                continue
            }
        }
    }

    private static func compile(_ pattern: String, at place: String, into patterns: inout [String: RegexMatch]) throws(JSONSchemaError) {
        guard patterns[pattern] == nil else { return }
        do throws(RegexMatchError) { patterns[pattern] = try RegexMatch(pattern) } catch {
            throw JSONSchemaError(place, "the pattern \(pattern) is not a valid regular expression")
        }
    }

    public static func == (lhs: JSONSchema, rhs: JSONSchema) -> Bool {
        lhs.document == rhs.document
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(document)
    }
}

/// A place in a JSON document as an RFC 6901 pointer (`/items/0/name`; the empty pointer is the root).
enum JSONPointer {
    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func unescape(_ token: String) -> String {
        token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
}

/// The JSON types a schema's `type` names.
enum JSONType {
    static let names = ["null", "boolean", "integer", "number", "string", "array", "object"]

    /// Whether a value is of a named type; `integer` includes numbers such as 1.0.
    static func matches(_ value: JSONValue, _ name: String) -> Bool {
        switch (name, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
             ("number", .int), ("number", .double), ("integer", .int): true
        case ("integer", .double(let number)): number.isFinite && number == number.rounded()
        default: false
        }
    }

    /// The type's name as a schema writes it.
    static func name(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double(let number): number.isFinite && number == number.rounded() ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// One way an instance breaks its schema: where (a JSON pointer into the instance), which keyword,
/// and what is wrong.
public struct JSONSchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// The place in the instance, as a JSON pointer (`/items/0/name`; empty for the root).
    public let pointer: String
    /// The keyword that failed (`required`, `type` …).
    public let keyword: String
    /// What is wrong, for the user.
    public let message: String

    /// Creates a violation.
    public init(pointer: String, keyword: String, message: String) {
        self.pointer = pointer
        self.keyword = keyword
        self.message = message
    }

    /// `/items/0/name: expected a string, found an integer` (`(root)` for the empty pointer).
    public var description: String {
        (pointer.isEmpty ? "(root)" : pointer) + ": " + message
    }
}

/// A schema that cannot be used: where in the schema, what is wrong, and what to do.
public struct JSONSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The place in the schema, as a JSON pointer.
    public let pointer: String
    /// What is wrong.
    public let message: String
    /// What to do about it.
    public let hint: String?

    /// Creates an error.
    public init(_ pointer: String, _ message: String, hint: String? = nil) {
        self.pointer = pointer
        self.message = message
        self.hint = hint
    }

    /// `the schema at /properties/a: 'type' must be …`.
    public var description: String {
        "the schema" + (pointer.isEmpty ? "" : " at \(pointer)") + ": " + message + (hint.map { " (\($0))" } ?? "")
    }
}
