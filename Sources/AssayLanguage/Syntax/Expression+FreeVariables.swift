extension Expression {
    /// The names the expression refers to that no lambda inside it binds, each once, in the order
    /// they first appear: `c => len(c/output) < limit` has `len` and `limit`.
    ///
    /// Path steps (`c/output`), record keys and argument labels are not references; a computed step
    /// (`c[key]`) is.
    public var freeVariables: [String] {
        var names: [String] = []
        var seen = Set<String>()
        collectFreeVariables(bound: [], into: &names, seen: &seen)
        return names
    }

    private func collectFreeVariables(bound: Set<String>, into names: inout [String], seen: inout Set<String>) {
        func visit(_ expression: Expression, _ bound: Set<String> = bound) {
            expression.collectFreeVariables(bound: bound, into: &names, seen: &seen)
        }
        switch kind {
        case .null, .boolean, .integer, .float, .string:
            return
        case .name(let name):
            if !bound.contains(name), seen.insert(name).inserted { names.append(name) }
        case .list(let elements):
            for element in elements { visit(element) }
        case .record(let entries):
            for entry in entries { visit(entry.value) }
        case .unary(_, let operand):
            visit(operand)
        case .binary(_, let left, let right):
            visit(left)
            visit(right)
        case .call(let callee, let arguments):
            visit(callee)
            for argument in arguments { visit(argument.value) }
        case .path(let base, let steps):
            visit(base)
            for step in steps {
                if case .computed(let key) = step.selector { visit(key) }
            }
        case .lambda(let parameters, let body):
            visit(body, bound.union(parameters.map(\.name)))
        }
    }
}
