extension Value {
    /// The plain-text form a result is shown in: strings raw at the top level, quoted inside
    /// collections; whole floats without a decimal point; records as `{a: 1, "b c": 2}`.
    public var plainText: String {
        switch self {
        case .string(let text): return text
        case .object(let object): return object.plainText
        default: return literalText
        }
    }

    /// The form a value takes inside a list or record: strings quoted and escaped.
    public var literalText: String {
        switch self {
        case .null: return "null"
        case .boolean(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .float(let value): return Self.formatNumber(value)
        case .string(let text): return Self.quoted(text)
        case .list(let values): return "[" + values.map(\.literalText).joined(separator: ", ") + "]"
        case .record(let record):
            return "{" + record.pairs.map { "\(Self.keyText($0.key)): \($0.value.literalText)" }.joined(separator: ", ") + "}"
        case .function(let function): return function.displayName
        case .object(let object):
            let text = object.plainText
            return text.contains("\n") ? "<\(object.typeName)>" : text
        }
    }

    /// Whole numbers without a decimal point; others in the shortest form that reads back the same.
    public static func formatNumber(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int(value))
        }
        return "\(value)"
    }

    /// A string in double quotes with escapes.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A record key bare when it is a plain name, quoted otherwise.
    public static func keyText(_ key: String) -> String {
        guard let first = key.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
              key.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }),
              Keyword(rawValue: key) == nil
        else { return quoted(key) }
        return key
    }
}
