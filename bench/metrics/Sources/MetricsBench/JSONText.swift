/// Builds JSON text by hand, so that every double is written in its shortest round-trip form
/// (Swift's `description`, which reads back as the same bits in Python).
struct JSONText {
    private(set) var text = ""

    /// A JSON string literal.
    static func quoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A JSON number for a finite double (`null` for NaN or infinity, which JSON cannot hold).
    static func number(_ value: Double) -> String {
        value.isFinite ? value.description : "null"
    }

    /// A JSON array of doubles.
    static func numbers(_ values: [Double]) -> String {
        "[" + values.map(number).joined(separator: ",") + "]"
    }

    /// A JSON object from members whose values are already JSON text, in the order given.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
