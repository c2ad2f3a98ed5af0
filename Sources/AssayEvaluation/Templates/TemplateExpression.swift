import AssayCore

/// The syntax tree of one template expression. Ranges are byte offsets in the template.
indirect enum TemplateExpression: Sendable {
    /// A string, number, Boolean or `none` written in the template.
    case literal(JSONValue, range: Range<Int>)
    /// `[a, b]`.
    case list([TemplateExpression], range: Range<Int>)
    /// A bare name: a case field, a loop variable, `case` or `loop`.
    case variable(String, range: Range<Int>)
    /// `base.key`, `base.0`, `base[expr]` or `base.items()`; `range` spans the whole path.
    case member(TemplateExpression, MemberStep, range: Range<Int>)
    /// `base | name(arguments)`; `range` covers the filter name.
    case filter(TemplateExpression, name: String, arguments: [TemplateExpression], range: Range<Int>)
    /// `not operand`.
    case not(TemplateExpression)
    /// `lhs and rhs`.
    case and(TemplateExpression, TemplateExpression)
    /// `lhs or rhs`.
    case or(TemplateExpression, TemplateExpression)
    /// `lhs == rhs`, `lhs in rhs` and friends; `range` covers the operator.
    case comparison(ComparisonOperator, TemplateExpression, TemplateExpression, range: Range<Int>)
    /// `operand is [not] name`.
    case test(TemplateExpression, name: String, isNegated: Bool, range: Range<Int>)
    /// `value if condition else otherwise`.
    case conditional(value: TemplateExpression, condition: TemplateExpression, otherwise: TemplateExpression?)

    /// The bytes the expression covers, as far as it has one contiguous span.
    var range: Range<Int> {
        switch self {
        case .literal(_, let range), .list(_, let range), .variable(_, let range), .member(_, _, let range):
            range
        case .filter(let base, _, _, let range):
            base.range.lowerBound..<max(base.range.upperBound, range.upperBound)
        case .not(let operand):
            operand.range
        case .and(let lhs, let rhs), .or(let lhs, let rhs), .comparison(_, let lhs, let rhs, _):
            lhs.range.lowerBound..<max(lhs.range.upperBound, rhs.range.upperBound)
        case .test(let operand, _, _, let range):
            operand.range.lowerBound..<max(operand.range.upperBound, range.upperBound)
        case .conditional(let value, let condition, _):
            value.range.lowerBound..<max(value.range.upperBound, condition.range.upperBound)
        }
    }
}

/// One step of a path.
enum MemberStep: Sendable {
    /// `.name`, or `["name"]` with a literal string.
    case key(String)
    /// `.0`, or `[0]` with a literal integer; negative indices count from the end.
    case index(Int)
    /// `[expression]`, resolved when rendering.
    case computed(TemplateExpression)
    /// `.items()`, `.keys()` or `.values()` of an object.
    case method(String)
}

/// The comparison operators.
enum ComparisonOperator: String, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case contains = "in"
    case notContains = "not in"
}
