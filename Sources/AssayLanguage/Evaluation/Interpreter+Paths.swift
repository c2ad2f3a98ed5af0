import AssayCore

extension Interpreter {
    /// Applies path steps to a value. `/*` maps the remaining steps over every element and flattens
    /// one level for each further `*`; a step marked `?` gives null when its key is missing.
    func applySteps(
        _ steps: ArraySlice<PathStep>, to value: Value, base: Expression, scope: Scope?, source: SourceFile
    ) throws(EvaluationError) -> Value {
        var current = value
        var index = steps.startIndex
        while index < steps.endIndex {
            let step = steps[index]
            if case .wildcard = step.selector {
                guard let elements = Self.elements(of: current) else {
                    throw fail(
                        "path.not-projectable", "cannot project over \(current.typeName) at \(pathText(base, upTo: step, source))",
                        step.range, source, hint: "'/*' takes every element of a list, suite or record"
                    )
                }
                let rest = steps[(index + 1)...]
                let flattens = rest.contains { if case .wildcard = $0.selector { return true } else { return false } }
                var results: [Value] = []
                results.reserveCapacity(elements.count)
                for element in elements {
                    try checkInterruptionFlag()
                    let result = try applySteps(rest, to: element, base: base, scope: scope, source: source)
                    if flattens, case .list(let inner) = result { results.append(contentsOf: inner) } else { results.append(result) }
                }
                return .list(results)
            }
            if let dividend = current.plainNumber {
                current = try divide(dividend, by: step, scope: scope, source: source)
            } else if let next = try select(step, from: current, base: base, scope: scope, source: source) {
                current = next
            } else {
                return .null
            }
            index += 1
        }
        return current
    }

    /// The elements `/*` iterates: list items, record values, or a domain object's elements.
    static func elements(of value: Value) -> [Value]? {
        switch value {
        case .list(let values): return values
        case .record(let record): return record.values
        case .object(let object): return object.elements
        default: return nil
        }
    }

    /// `7/2` written without spaces: a step after a number divides it.
    func divide(_ dividend: Double, by step: PathStep, scope: Scope?, source: SourceFile) throws(EvaluationError) -> Value {
        let divisorValue: Value
        switch step.selector {
        case .index(let value): divisorValue = .integer(value)
        case .name(let name): divisorValue = try lookup(name, range: step.range, scope: scope, source: source)
        default:
            throw fail("path.into-number", "a number has no keys", step.range, source)
        }
        guard let divisor = divisorValue.numberValue else {
            throw fail("type.operand", "'/' needs numbers, got number and \(divisorValue.typeName)", step.range, source)
        }
        guard divisor != 0 else { throw fail("value.division-by-zero", "division by zero", step.range, source) }
        return .float(dividend / divisor)
    }

    /// One step into a value; nil when the step is optional and its key is missing.
    func select(_ step: PathStep, from value: Value, base: Expression, scope: Scope?, source: SourceFile) throws(EvaluationError) -> Value? {
        var selector = step.selector
        if case .computed(let expression) = selector {
            switch try evaluate(expression, in: scope, source: source) {
            case .string(let key): selector = .key(key)
            case .integer(let position): selector = .index(position)
            case let other:
                throw fail("path.bad-key", "a key must be a string or a whole number, got \(other.typeName)", expression.range, source)
            }
        }
        // The path's text goes only into messages: made for every step, it was a string
        // allocation per case of a path over a large suite.
        func at() -> String { pathText(base, upTo: step, source) }
        // A record's member first, without pairing the value and the selector in a tuple (which
        // copied both, a retain and release each, for every case of a lambda over a suite).
        if case .record(let record) = value {
            switch selector {
            case .name(let key), .key(let key):
                if let found = record[key] { return found }
                return try missing(key, keys: record.keys, kind: "record", at: at(), step: step, source: source)
            default:
                break
            }
        }
        switch (value, selector) {
        case (.record(let record), .name(let key)), (.record(let record), .key(let key)):
            if let found = record[key] { return found }
            return try missing(key, keys: record.keys, kind: "record", at: at(), step: step, source: source)
        case (.record(let record), .index(let position)):
            if let found = record[String(position)] { return found }
            return try missing(String(position), keys: record.keys, kind: "record", at: at(), step: step, source: source)
        case (.list(let values), .index(let position)):
            return try element(values.count, position, kind: "list", at: at(), step: step, source: source) { values[$0] }
        case (.string(let text), .index(let position)):
            let characters = text.map { Value.string(String($0)) }
            return try element(characters.count, position, kind: "string", at: at(), step: step, source: source) { characters[$0] }
        case (.object(let object), .name(let key)), (.object(let object), .key(let key)):
            if let found = object.member(key) { return found }
            return try missing(key, keys: object.memberNames, kind: object.typeName, at: at(), step: step, source: source)
        case (.object(let object), .index(let position)):
            if let count = object.elementCount {
                return try element(count, position, kind: object.typeName, at: at(), step: step, source: source) { object.element(at: $0) }
            }
            if let found = object.member(String(position)) { return found }
            return try missing(String(position), keys: object.memberNames, kind: object.typeName, at: at(), step: step, source: source)
        case (.list, .name(let key)), (.list, .key(let key)):
            if step.isOptional { return nil }
            throw fail(
                "path.key-of-list", "a list has no key '\(key)' (at \(at()))", step.range, source,
                hint: "use '/*/\(key)' to take '\(key)' from every element, or an index such as '/0'"
            )
        case (.null, _):
            if step.isOptional { return nil }
            throw fail("path.into-null", "cannot step into null at \(at())", step.range, source,
                       hint: "mark the earlier step optional with '?' to carry null through")
        default:
            if step.isOptional { return nil }
            throw fail("path.into-scalar", "cannot step into \(value.typeName) at \(at())", step.range, source)
        }
    }

    /// The element at `position` (negative from the end) of `count` elements, which `value` gives.
    func element(
        _ count: Int, _ position: Int, kind: String, at: @autoclosure () -> String, step: PathStep, source: SourceFile,
        _ value: (Int) -> Value?
    ) throws(EvaluationError) -> Value? {
        let resolved = position < 0 ? count + position : position
        if resolved >= 0, resolved < count, let found = value(resolved) { return found }
        if step.isOptional { return nil }
        let at = at()
        let size = count == 0 ? "it is empty" : "valid indices are 0…\(count - 1) and -\(count)…-1"
        throw fail("path.index-out-of-range", "index \(position) is out of range for the \(kind) at \(at)", step.range, source, hint: size)
    }

    func missing(_ key: String, keys: @autoclosure () -> [String], kind: String, at: @autoclosure () -> String, step: PathStep, source: SourceFile) throws(EvaluationError) -> Value? {
        if step.isOptional { return nil }
        let keys = keys()
        let at = at()
        let listed = keys.count > 12 ? keys.prefix(12).joined(separator: ", ") + ", …" : keys.joined(separator: ", ")
        let existing = keys.isEmpty ? "the \(kind) at \(at) is empty" : "keys at \(at): \(listed)"
        let hint = Suggestion.didYouMean(key, among: keys).map { "\($0) (\(existing))" } ?? existing
        throw fail("path.missing-key", "'\(key)' is not a key of the \(kind) at \(at)", step.range, source, hint: hint)
    }

    /// The source text of the path up to (not including) a step, e.g. `r/summary`.
    func pathText(_ base: Expression, upTo step: PathStep, _ source: SourceFile) -> String {
        var end = step.range.start
        if end > base.range.start, source.slice(from: end - 1, to: end) == "/" { end -= 1 }
        let text = source.slice(from: base.range.start, to: end).trimmingSpaces()
        return text.isEmpty ? "the value" : text
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " { scalars.removeFirst() }
        while let last = scalars.last, last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
