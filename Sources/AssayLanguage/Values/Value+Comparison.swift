extension Value {
    /// Orders two values: numbers by value, strings lexicographically, booleans false first,
    /// lists element by element; nil when the two cannot be ordered.
    public func compare(to other: Value) -> Int? {
        switch (self, other) {
        case (.integer(let a), .integer(let b)): return a < b ? -1 : a > b ? 1 : 0
        case (.string(let a), .string(let b)): return a == b ? 0 : a < b ? -1 : 1
        case (.boolean(let a), .boolean(let b)): return a == b ? 0 : (a ? 1 : -1)
        case (.null, .null): return 0
        case (.list(let a), .list(let b)):
            for (x, y) in zip(a, b) {
                guard let order = x.compare(to: y) else { return nil }
                if order != 0 { return order }
            }
            return a.count < b.count ? -1 : a.count > b.count ? 1 : 0
        default:
            guard let a = numberValue, let b = other.numberValue else { return nil }
            return a < b ? -1 : a > b ? 1 : 0
        }
    }
}
