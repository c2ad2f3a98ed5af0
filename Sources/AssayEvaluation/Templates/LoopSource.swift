import AssayCore

/// Turns the value a `for` loops over into the elements Stencil iterates.
///
/// A list gives its elements; an object gives its keys, or `(key, value)` pairs for two loop
/// variables; with two variables, list elements must be two-element lists (as `items()` gives).
/// Anything else (null included) is an error that suggests `| default([])`.
enum LoopSource {
    static func elements(of value: JSONValue, variableCount: Int, range: Range<Int>) throws(TemplateFailure) -> [Any] {
        switch value {
        case .array(let elements):
            guard variableCount == 2 else { return elements }
            var pairs: [Any] = []
            for element in elements {
                guard case .array(let pair) = element, pair.count == 2 else {
                    throw TemplateFailure(code: .invalidValue,
                                          message: "cannot unpack \(element.kindDescription) into two loop variables",
                                          range: range, hint: "two loop variables need pairs, such as an object's items()")
                }
                pairs.append((pair[0], pair[1]))
            }
            return pairs
        case .object(let object):
            if variableCount == 2 { return object.map { (JSONValue.string($0.key), $0.value) } }
            return object.keys.map { JSONValue.string($0) }
        default:
            throw TemplateFailure(
                code: .invalidValue, message: "cannot loop over \(value.kindDescription)", range: range,
                hint: value.isNull ? "write '| default([])' after the list to treat a missing or null list as empty" : "loop over a list or an object"
            )
        }
    }
}
