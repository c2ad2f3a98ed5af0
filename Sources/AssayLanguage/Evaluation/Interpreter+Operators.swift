extension Interpreter {
    func applyUnary(_ operation: UnaryOperator, _ value: Value, range: SourceRange, source: SourceFile) throws(EvaluationError) -> Value {
        switch operation {
        case .not:
            return .boolean(!value.isTruthy)
        case .negate:
            switch value {
            case .integer(let number):
                let (result, overflow) = Int(0).subtractingReportingOverflow(number)
                if overflow { return .float(-Double(number)) }
                return .integer(result)
            case .float(let number): return .float(-number)
            case .object(let object) where object.numericValue != nil: return .float(-object.numericValue!)
            default: throw fail("type.operand", "cannot negate \(value.typeName)", range, source)
            }
        }
    }

    func evaluateBinary(
        _ operation: BinaryOperator, _ left: Expression, _ right: Expression,
        range: SourceRange, scope: Scope?, source: SourceFile
    ) throws(EvaluationError) -> Value {
        let lhs = try evaluate(left, in: scope, source: source)
        switch operation {
        case .and:
            return lhs.isTruthy ? try evaluate(right, in: scope, source: source) : lhs
        case .or:
            return lhs.isTruthy ? lhs : try evaluate(right, in: scope, source: source)
        case .divide where lhs.plainNumber == nil:
            // `r / summary` with spaces: a path step when the left side is not a number.
            if let step = Self.stepForm(of: right) {
                return try applySteps([step][...], to: lhs, base: left, scope: scope, source: source)
            }
        default:
            break
        }
        let rhs = try evaluate(right, in: scope, source: source)
        return try applyBinary(operation, lhs, rhs, leftRange: left.range, rightRange: right.range, source: source)
    }

    /// The path step a right operand of `/` stands for: a name, integer or string literal.
    static func stepForm(of expression: Expression) -> PathStep? {
        switch expression.kind {
        case .name(let name): return PathStep(selector: .name(name), isOptional: false, range: expression.range)
        case .integer(let index): return PathStep(selector: .index(index), isOptional: false, range: expression.range)
        case .string(let key): return PathStep(selector: .key(key), isOptional: false, range: expression.range)
        default: return nil
        }
    }

    func applyBinary(
        _ operation: BinaryOperator, _ lhs: Value, _ rhs: Value,
        leftRange: SourceRange, rightRange: SourceRange, source: SourceFile
    ) throws(EvaluationError) -> Value {
        let range = leftRange.merged(with: rightRange)
        switch operation {
        case .equal: return .boolean(lhs == rhs)
        case .notEqual: return .boolean(lhs != rhs)
        case .less, .lessEqual, .greater, .greaterEqual:
            guard let order = lhs.compare(to: rhs) else {
                throw fail("type.operand", "cannot compare \(lhs.typeName) with \(rhs.typeName)", range, source)
            }
            switch operation {
            case .less: return .boolean(order < 0)
            case .lessEqual: return .boolean(order <= 0)
            case .greater: return .boolean(order > 0)
            default: return .boolean(order >= 0)
            }
        case .in, .notIn:
            let contained = try contains(rhs, lhs, range: rightRange, source: source)
            return .boolean(operation == .in ? contained : !contained)
        case .add:
            return try add(lhs, rhs, range: range, source: source)
        case .subtract, .multiply, .divide, .remainder:
            return try arithmetic(operation, lhs, rhs, range: range, rightRange: rightRange, source: source)
        case .and, .or:
            return lhs.isTruthy == (operation == .and) ? rhs : lhs
        }
    }

    func contains(_ container: Value, _ element: Value, range: SourceRange, source: SourceFile) throws(EvaluationError) -> Bool {
        switch container {
        case .list(let values): return values.contains(element)
        case .string(let text):
            guard case .string(let part) = element else {
                throw fail("type.operand", "'in' a string needs a string on the left, got \(element.typeName)", range, source)
            }
            return text.contains(part)
        case .record(let record):
            guard case .string(let key) = element else { return false }
            return record[key] != nil
        case .null:
            return false
        case .object(let object):
            if let elements = object.elements { return elements.contains(element) }
            if case .string(let key) = element { return object.member(key) != nil }
            return false
        default:
            throw fail("type.operand", "'in' needs a list, string or record on the right, got \(container.typeName)", range, source)
        }
    }

    func add(_ lhs: Value, _ rhs: Value, range: SourceRange, source: SourceFile) throws(EvaluationError) -> Value {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)):
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? .float(Double(a) + Double(b)) : .integer(sum)
        case (.string(let a), .string(let b)): return .string(a + b)
        case (.list(let a), .list(let b)): return .list(a + b)
        case (.record(var a), .record(let b)):
            for (key, value) in b.pairs { a[key] = value }
            return .record(a)
        default:
            if let a = lhs.numberValue, let b = rhs.numberValue { return .float(a + b) }
            var hint: String?
            if case .string = lhs { hint = "convert with str(…) first: \"text\" + str(3)" }
            if case .string = rhs { hint = "convert with str(…) first: str(3) + \"text\"" }
            throw fail("type.operand", "cannot add \(rhs.typeName) to \(lhs.typeName)", range, source, hint: hint)
        }
    }

    func arithmetic(
        _ operation: BinaryOperator, _ lhs: Value, _ rhs: Value,
        range: SourceRange, rightRange: SourceRange, source: SourceFile
    ) throws(EvaluationError) -> Value {
        if case .string(let text) = lhs, operation == .multiply, case .integer(let times) = rhs {
            return .string(String(repeating: text, count: max(0, times)))
        }
        guard let a = lhs.numberValue, let b = rhs.numberValue else {
            let symbol = operation.rawValue
            throw fail("type.operand", "'\(symbol)' needs numbers, got \(lhs.typeName) and \(rhs.typeName)", range, source)
        }
        switch operation {
        case .subtract:
            if case .integer(let x) = lhs, case .integer(let y) = rhs {
                let (result, overflow) = x.subtractingReportingOverflow(y)
                return overflow ? .float(a - b) : .integer(result)
            }
            return .float(a - b)
        case .multiply:
            if case .integer(let x) = lhs, case .integer(let y) = rhs {
                let (result, overflow) = x.multipliedReportingOverflow(by: y)
                return overflow ? .float(a * b) : .integer(result)
            }
            return .float(a * b)
        case .divide:
            guard b != 0 else { throw fail("value.division-by-zero", "division by zero", rightRange, source) }
            return .float(a / b)
        default:
            guard b != 0 else { throw fail("value.division-by-zero", "remainder of division by zero", rightRange, source) }
            if case .integer(let x) = lhs, case .integer(let y) = rhs {
                // Floored remainder, so the result takes the sign of the divisor (as in Python).
                let remainder = x % y
                return .integer(remainder != 0 && (remainder < 0) != (y < 0) ? remainder + y : remainder)
            }
            let remainder = a.truncatingRemainder(dividingBy: b)
            return .float(remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder)
        }
    }
}
