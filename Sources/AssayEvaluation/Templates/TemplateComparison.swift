import AssayCore

/// Comparisons between template values, as Jinja does them.
///
/// `==` treats `1` and `1.0` as equal; `<` and friends order two numbers or two strings and
/// are false when either side is null; `in` looks for an element of a list, a substring of a
/// string or a key of an object. Comparing values of different kinds is an error.
enum TemplateComparison {
    static func compare(
        _ op: ComparisonOperator, _ lhs: JSONValue, _ rhs: JSONValue, at range: Range<Int>
    ) throws(TemplateFailure) -> Bool {
        switch op {
        case .equal: return areEqual(lhs, rhs)
        case .notEqual: return !areEqual(lhs, rhs)
        case .less: return try order(lhs, rhs, op, at: range).map { $0 < 0 } ?? false
        case .lessOrEqual: return try order(lhs, rhs, op, at: range).map { $0 <= 0 } ?? false
        case .greater: return try order(lhs, rhs, op, at: range).map { $0 > 0 } ?? false
        case .greaterOrEqual: return try order(lhs, rhs, op, at: range).map { $0 >= 0 } ?? false
        case .contains: return try contains(rhs, lhs, at: range)
        case .notContains: return try !contains(rhs, lhs, at: range)
        }
    }

    static func areEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.int(let left), .double(let right)): Double(left) == right
        case (.double(let left), .int(let right)): left == Double(right)
        default: lhs == rhs
        }
    }

    /// -1, 0 or 1; `nil` when either side is null.
    private static func order(
        _ lhs: JSONValue, _ rhs: JSONValue, _ op: ComparisonOperator, at range: Range<Int>
    ) throws(TemplateFailure) -> Int? {
        switch (lhs, rhs) {
        case (.null, _), (_, .null):
            return nil
        case (.int(let left), .int(let right)):
            return left < right ? -1 : (left == right ? 0 : 1)
        case (.string(let left), .string(let right)):
            return left < right ? -1 : (left == right ? 0 : 1)
        default:
            guard let left = lhs.doubleValue, let right = rhs.doubleValue else {
                let numericString = [lhs, rhs].contains { $0.stringValue.flatMap(Double.init) != nil }
                throw TemplateFailure(
                    code: .invalidValue,
                    message: "cannot compare \(lhs.kindDescription) with \(rhs.kindDescription) using '\(op.rawValue)'",
                    range: range,
                    hint: numericString
                        ? "the string holds a number; CSV cells are always strings, so compare with a quoted value or use a JSON suite"
                        : nil
                )
            }
            return left < right ? -1 : (left == right ? 0 : 1)
        }
    }

    private static func contains(_ container: JSONValue, _ element: JSONValue, at range: Range<Int>) throws(TemplateFailure) -> Bool {
        switch (container, element) {
        case (.array(let elements), _): return elements.contains { areEqual($0, element) }
        case (.string(let text), .string(let part)): return text.contains(part)
        case (.object(let object), .string(let key)): return object[key] != nil
        case (.object, _), (.null, _): return false
        default:
            throw TemplateFailure(
                code: .invalidValue,
                message: "'in' needs a list, an object, or a string with a string on its left; found \(element.kindDescription) in \(container.kindDescription)",
                range: range
            )
        }
    }
}
