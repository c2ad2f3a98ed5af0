import AssayCore

/// The result of evaluating an expression: a value, or a reference that did not resolve.
enum TemplateResult {
    case value(JSONValue)
    case undefined(UndefinedReference)

    var valueOrNull: JSONValue {
        if case .value(let value) = self { return value }
        return .null
    }

    /// Whether this is a value other than null.
    var isDefinedValue: Bool {
        if case .value(let value) = self { return !value.isNull }
        return false
    }
}

/// A variable or path that names nothing in the case, with why.
struct UndefinedReference: Sendable {
    /// The path as written in the template, e.g. `meta.nope`.
    var name: String
    var range: Range<Int>
    /// Why it is undefined, e.g. `'meta' has no key 'nope' (keys: a, b)`.
    var reason: String
    var hint: String?
}

/// The names visible while rendering one expression.
struct TemplateScope {
    /// Resolves a top-level name: a loop variable, `loop`, `case` or a case field.
    var lookup: (String) -> JSONValue?
    /// The case's field names, for messages.
    var fieldNames: [String]
    /// The loop variables in scope, for suggestions.
    var loopVariables: [String]
}

/// Evaluates expressions with Jinja's semantics against a scope.
///
/// Where an undefined value is tolerated: inside `{% if %}` conditions and the condition of
/// `x if c else y`, on the left of `and` / `or`, under `not`, before `is defined`-style tests
/// and as the input of `default`. Everywhere else (output, filter input, loop source,
/// comparison operands) using it is an error naming the variable.
struct ExpressionEvaluator {
    let source: [UInt8]
    let scope: TemplateScope

    func evaluate(_ expression: TemplateExpression, strict: Bool) throws(TemplateFailure) -> TemplateResult {
        switch expression {
        case .literal(let value, _):
            return .value(value)
        case .list(let elements, _):
            var values: [JSONValue] = []
            for element in elements { values.append(try value(of: element, strict: strict)) }
            return .value(.array(values))
        case .variable(let name, let range):
            if let value = scope.lookup(name) { return .value(value) }
            return .undefined(undefinedName(name, range: range))
        case .member(let base, let step, let range):
            let resolved = try evaluate(base, strict: strict)
            guard case .value(let container) = resolved else { return resolved }
            return try member(step, of: container, base: base, range: range, strict: strict)
        case .filter(let base, let name, let arguments, let range):
            return try filter(name, base: base, arguments: arguments, range: range, strict: strict)
        case .not(let operand):
            return .value(.bool(!(try isTrue(operand))))
        case .and(let lhs, let rhs):
            let left = try evaluate(lhs, strict: false).valueOrNull
            return left.isTruthy ? try evaluate(rhs, strict: strict) : .value(left)
        case .or(let lhs, let rhs):
            let left = try evaluate(lhs, strict: false).valueOrNull
            return left.isTruthy ? .value(left) : try evaluate(rhs, strict: strict)
        case .comparison(let op, let lhs, let rhs, let range):
            let left = try value(of: lhs, strict: strict)
            let right = try value(of: rhs, strict: strict)
            return .value(.bool(try TemplateComparison.compare(op, left, right, at: range)))
        case .test(let operand, let name, let isNegated, _):
            let result = try evaluate(operand, strict: false)
            let passes = Self.test(name, result)
            return .value(.bool(isNegated ? !passes : passes))
        case .conditional(let value, let condition, let otherwise):
            if try isTrue(condition) { return try evaluate(value, strict: strict) }
            return try otherwise.map { (branch) throws(TemplateFailure) in try evaluate(branch, strict: strict) } ?? .value(.null)
        }
    }

    /// The value of `expression`; an undefined one is an error when `strict`, else null.
    func value(of expression: TemplateExpression, strict: Bool) throws(TemplateFailure) -> JSONValue {
        switch try evaluate(expression, strict: strict) {
        case .value(let value): return value
        case .undefined(let reference):
            if strict { throw Self.failure(for: reference) }
            return .null
        }
    }

    /// Whether `expression` is true, treating an undefined value as false.
    func isTrue(_ expression: TemplateExpression) throws(TemplateFailure) -> Bool {
        try value(of: expression, strict: false).isTruthy
    }

    static func failure(for reference: UndefinedReference) -> TemplateFailure {
        TemplateFailure(code: .undefinedVariable, message: reference.reason, range: reference.range,
                        variable: reference.name, hint: reference.hint)
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: source[range], as: UTF8.self).trimmingWhitespace()
    }

    private func undefinedName(_ name: String, range: Range<Int>) -> UndefinedReference {
        let suggestion = Suggestion.closest(to: name, among: scope.fieldNames + scope.loopVariables, limit: 1).first
        return UndefinedReference(
            name: name, range: range,
            reason: "the case has no field '\(name)' (fields: \(Self.list(scope.fieldNames)))",
            hint: suggestion.map { "did you mean '\($0)'?" }
                ?? "for an optional field write {{ \(name) | default(\"\") }}, or test it with {% if \(name) %}"
        )
    }

    static func list(_ names: [String]) -> String {
        names.count <= 12 ? names.joined(separator: ", ") : names.prefix(12).joined(separator: ", ") + ", …"
    }

    private func member(
        _ step: MemberStep, of container: JSONValue, base: TemplateExpression, range: Range<Int>, strict: Bool
    ) throws(TemplateFailure) -> TemplateResult {
        // Names are only spelled out on the failure paths.
        var baseName: String { text(base.range) }
        func undefined(_ reason: String, hint: String? = nil) -> TemplateResult {
            .undefined(UndefinedReference(name: text(range), range: range, reason: reason, hint: hint))
        }
        var step = step
        if case .computed(let keyExpression) = step {
            switch try value(of: keyExpression, strict: strict) {
            case .string(let key): step = .key(key)
            case .int(let index): step = .index(index)
            case let other:
                throw TemplateFailure(code: .invalidValue, message: "a subscript must be a string or an integer, found \(other.kindDescription)",
                                      range: keyExpression.range)
            }
        }
        switch (step, container) {
        case (.key(let key), .object(let object)):
            if let value = object[key] { return .value(value) }
            return undefined("'\(baseName)' has no key '\(key)' (keys: \(Self.list(object.keys)))",
                             hint: Suggestion.closest(to: key, among: object.keys, limit: 1).first.map { "did you mean '\($0)'?" })
        case (.index(let index), .array(let elements)):
            let position = index < 0 ? elements.count + index : index
            if elements.indices.contains(position) { return .value(elements[position]) }
            return undefined("'\(baseName)' has \(elements.count) element\(elements.count == 1 ? "" : "s"); index \(index) is out of range")
        case (.index(let index), .object(let object)):
            if let value = object[String(index)] { return .value(value) }
            return undefined("'\(baseName)' has no key '\(index)' (keys: \(Self.list(object.keys)))")
        case (.method(let method), .object(let object)):
            switch method {
            case "keys": return .value(.array(object.keys.map(JSONValue.string)))
            case "values": return .value(.array(object.values))
            default: return .value(.array(object.map { .array([.string($0.key), $0.value]) }))
            }
        case (_, .null):
            return undefined("'\(baseName)' is null")
        case (.key, .array):
            return undefined("'\(baseName)' is a list; use an index such as \(baseName).0 or a filter such as | length")
        default:
            return undefined("'\(baseName)' is \(container.kindDescription), not an object")
        }
    }

    private func filter(
        _ name: String, base: TemplateExpression, arguments: [TemplateExpression], range: Range<Int>, strict: Bool
    ) throws(TemplateFailure) -> TemplateResult {
        let isDefault = TemplateFilters.isDefault(name)
        let input = try evaluate(base, strict: strict && !isDefault)
        var values: [JSONValue] = []
        for argument in arguments { values.append(try value(of: argument, strict: strict)) }
        if isDefault, !input.isDefinedValue {
            return .value(values.first ?? .string(""))
        }
        switch input {
        case .undefined(let reference):
            if strict { throw Self.failure(for: reference) }
            return input
        case .value(let value):
            return .value(try TemplateFilters.apply(name, to: value, arguments: values, at: range))
        }
    }

    private static func test(_ name: String, _ result: TemplateResult) -> Bool {
        guard case .value(let value) = result else { return name == "undefined" }
        switch name {
        case "defined": return true
        case "none": return value.isNull
        case "string": return value.stringValue != nil
        case "number": return value.doubleValue != nil
        case "boolean": return value.boolValue != nil
        case "mapping": return value.objectValue != nil
        case "sequence": return value.arrayValue != nil || value.stringValue != nil
        default: return false
        }
    }
}
