import AssayCore

extension JSONValue {
    /// The text a value renders as in a template.
    ///
    /// Strings render as they are (never re-rendered, never escaped), numbers as in JSON (`3`,
    /// `0.5`, `2.0`), Booleans as `true` / `false`, null as nothing, and lists and objects as
    /// compact JSON.
    var templateText: String {
        switch self {
        case .string(let text): text
        case .null: ""
        case .int(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .double, .array, .object: serialized()
        }
    }

    /// Jinja's truth: null, `false`, zero, and empty strings, lists and objects are false.
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let flag): flag
        case .int(let number): number != 0
        case .double(let number): number != 0
        case .string(let text): !text.isEmpty
        case .array(let elements): !elements.isEmpty
        case .object(let object): !object.isEmpty
        }
    }
}
