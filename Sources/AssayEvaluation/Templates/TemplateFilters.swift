import AssayCore

/// The filters and tests templates may use, and what they do.
///
/// Filters: `default(value, boolean=false)` (alias `d`) replaces a missing or null value (and,
/// with `true`, any false-like value); `upper`, `lower`, `capitalize`, `trim` and `string` work
/// on the value's text; `length` / `count` count a string's characters (Unicode scalars), a
/// list's elements or an object's members; `join(separator="")` joins a list's elements as text;
/// `first` / `last` take a list's end element (null when empty); `tojson` writes compact JSON;
/// `replace(old, new)` replaces text. Tests (`x is defined`): `defined`, `undefined`, `none`,
/// `string`, `number`, `boolean`, `mapping`, `sequence`.
enum TemplateFilters {
    static let arities: [String: ClosedRange<Int>] = [
        "default": 0...2, "d": 0...2,
        "upper": 0...0, "lower": 0...0, "capitalize": 0...0, "trim": 0...0, "string": 0...0,
        "length": 0...0, "count": 0...0,
        "join": 0...1, "first": 0...0, "last": 0...0, "tojson": 0...0, "replace": 2...2,
    ]

    /// Names from other template languages, mapped to the filter that does the same here.
    private static let equivalents: [String: String] = [
        "uppercase": "upper", "lowercase": "lower", "len": "length", "size": "length", "strip": "trim",
        "json": "tojson", "to_json": "tojson", "capitalise": "capitalize",
    ]

    static let tests: Set<String> = ["defined", "undefined", "none", "string", "number", "boolean", "mapping", "sequence"]

    static func isDefault(_ name: String) -> Bool {
        name == "default" || name == "d"
    }

    /// Checks a filter name and its argument count while the template is compiled.
    static func validate(name: String, argumentCount: Int, at range: Range<Int>) throws(TemplateFailure) {
        guard let arity = arities[name] else {
            let suggestion = equivalents[name] ?? Suggestion.closest(to: name, among: arities.keys, limit: 1).first
            throw .syntax(
                "unknown filter '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""), at: range,
                hint: "filters are " + arities.keys.sorted().joined(separator: ", ")
            )
        }
        guard arity.contains(argumentCount) else {
            let expected = arity.lowerBound == arity.upperBound
                ? "\(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")"
                : "\(arity.lowerBound) to \(arity.upperBound) arguments"
            throw .syntax("filter '\(name)' takes \(expected), found \(argumentCount)", at: range)
        }
    }

    /// Applies a filter (other than `default`, which the evaluator handles) to a defined value.
    static func apply(
        _ name: String, to value: JSONValue, arguments: [JSONValue], at range: Range<Int>
    ) throws(TemplateFailure) -> JSONValue {
        switch name {
        case "default", "d":
            let replacesFalseLike = arguments.count > 1 && arguments[1].isTruthy
            return replacesFalseLike && !value.isTruthy ? (arguments.first ?? .string("")) : value
        case "upper": return .string(value.templateText.uppercased())
        case "lower": return .string(value.templateText.lowercased())
        case "trim": return .string(value.templateText.trimmingWhitespace())
        case "string": return .string(value.templateText)
        case "capitalize":
            let text = value.templateText.lowercased()
            return .string(text.prefix(1).uppercased() + text.dropFirst())
        case "tojson": return .string(value.serialized())
        case "length", "count":
            switch value {
            case .string(let text): return .int(text.unicodeScalars.count)
            case .array(let elements): return .int(elements.count)
            case .object(let object): return .int(object.count)
            default: throw invalid(name, "a string, a list or an object", found: value, at: range)
            }
        case "join":
            let separator = arguments.first?.templateText ?? ""
            switch value {
            case .array(let elements): return .string(elements.map(\.templateText).joined(separator: separator))
            case .string: return value
            default: throw invalid(name, "a list", found: value, at: range)
            }
        case "first", "last":
            switch value {
            case .array(let elements): return (name == "first" ? elements.first : elements.last) ?? .null
            case .string(let text):
                let character = name == "first" ? text.first : text.last
                return character.map { .string(String($0)) } ?? .null
            default: throw invalid(name, "a list or a string", found: value, at: range)
            }
        case "replace":
            guard case .string(let old) = arguments[0], case .string(let new) = arguments[1] else {
                throw TemplateFailure(code: .invalidValue, message: "filter 'replace' needs two strings", range: range)
            }
            let text = value.templateText
            return .string(old.isEmpty ? text : text.replacing(old, with: new))
        default:
            throw .syntax("unknown filter '\(name)'", at: range)
        }
    }

    private static func invalid(_ name: String, _ expected: String, found value: JSONValue, at range: Range<Int>) -> TemplateFailure {
        TemplateFailure(code: .invalidValue, message: "filter '\(name)' needs \(expected), found \(value.kindDescription)",
                        range: range)
    }
}
