import AssayLanguage

/// A domain object whose elements can be filtered, sorted or cut into an object of the same kind
/// (a filtered suite is still a suite you can run).
protocol ElementCollection {
    func rebuilt(with elements: [Value]) throws(BuiltinFailure) -> Value
    /// The collection of the elements at `positions` of `elements`, which are this collection's
    /// own (`self.elements`, in order): filter, sort and take say which they keep.
    func rebuilt(selecting positions: [Int], of elements: [Value]) throws(BuiltinFailure) -> Value
}

extension ElementCollection {
    func rebuilt(selecting positions: [Int], of elements: [Value]) throws(BuiltinFailure) -> Value {
        try rebuilt(with: positions.map { elements[$0] })
    }
}

/// Builtins over lists, suites and records: filter, map, sort, take, group and aggregates.
enum CollectionBuiltins {
    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "filter", usage: "filter(xs, predicate)", summary: "The elements for which a lambda or path string gives a true value.",
                parameters: [.positional("xs"), .positional("predicate")]
            ) { arguments, invoker throws(BuiltinFailure) in
                let (items, collection) = try elements(arguments, "xs")
                let test = try Selector(try arguments.required("predicate"), argument: "predicate")
                var kept: [Int] = []
                for (position, item) in items.enumerated() {
                    try invoker.checkInterruption()
                    if try test.apply(to: item, invoker).isTruthy { kept.append(position) }
                }
                return try collection?.rebuilt(selecting: kept, of: items) ?? .list(kept.map { items[$0] })
            },
            Builtin(
                name: "map", usage: "map(xs, f)", summary: "A list of what a lambda or path string gives for each element.",
                parameters: [.positional("xs"), .positional("f")]
            ) { arguments, invoker throws(BuiltinFailure) in
                let (items, _) = try elements(arguments, "xs")
                let transform = try Selector(try arguments.required("f"), argument: "f")
                var results: [Value] = []
                results.reserveCapacity(items.count)
                for item in items {
                    try invoker.checkInterruption()
                    results.append(try transform.apply(to: item, invoker))
                }
                return .list(results)
            },
            Builtin(
                name: "sort", usage: "sort(xs, by, desc: false)",
                summary: "The elements in order, by their own value or by a lambda or path string; stable.",
                parameters: [.positional("xs"), .positional("by", required: false), .keyword("desc")]
            ) { arguments, invoker throws(BuiltinFailure) in
                let (items, collection) = try elements(arguments, "xs")
                let descending = try arguments.boolean("desc") ?? false
                // The keys in their own array and a permutation of positions sorted: moving a
                // position is cheaper than moving a key and its element, and a tie between equal
                // keys is broken by position, so the sort is stable.
                var keys: [Value] = []
                keys.reserveCapacity(items.count)
                let key = try arguments["by"].map { value throws(BuiltinFailure) in try Selector(value, argument: "by") }
                for item in items { keys.append(try key?.apply(to: item, invoker) ?? item) }
                let order = try sortedPositions(keys, descending: descending, by: arguments["by"] == nil ? "xs" : "by")
                return try collection?.rebuilt(selecting: order, of: items) ?? .list(order.map { items[$0] })
            },
            Builtin(
                name: "take", usage: "take(xs, n)", summary: "The first n elements (the last n when n is negative).",
                parameters: [.positional("xs"), .positional("n")]
            ) { arguments, _ throws(BuiltinFailure) in
                let (items, collection) = try elements(arguments, "xs")
                let n = try arguments.integer("n") ?? 0
                let kept = n >= 0 ? Array(items.indices.prefix(n)) : Array(items.indices.suffix(-n))
                return try collection?.rebuilt(selecting: kept, of: items) ?? .list(kept.map { items[$0] })
            },
            Builtin(
                name: "group", usage: "group(xs, by)", summary: "A record from each key (given by a lambda or path string) to the elements with that key.",
                parameters: [.positional("xs"), .positional("by")]
            ) { arguments, invoker throws(BuiltinFailure) in
                let (items, _) = try elements(arguments, "xs")
                let key = try Selector(try arguments.required("by"), argument: "by")
                var groups: [String: [Value]] = [:]
                var order: [String] = []
                for item in items {
                    let name = try key.apply(to: item, invoker).plainText
                    if groups[name] == nil { order.append(name) }
                    groups[name, default: []].append(item)
                }
                return .record(Record(order.map { ($0, .list(groups[$0]!)) }))
            },
            aggregate("sum", "The sum of numbers (0 for none).") { numbers in .float(numbers.reduce(0, +)) },
            aggregate("mean", "The arithmetic mean of numbers (null for none).") { numbers in
                numbers.isEmpty ? .null : .float(numbers.reduce(0, +) / Double(numbers.count))
            },
            extreme("min", "The smallest value of a list, or of the arguments.", wantsSmaller: true),
            extreme("max", "The largest value of a list, or of the arguments.", wantsSmaller: false),
        ]
    }

    /// The elements of a list-like argument, and the collection to rebuild when it is one.
    static func elements(_ arguments: CallArguments, _ name: String) throws(BuiltinFailure) -> ([Value], (any ElementCollection)?) {
        let value = try arguments.required(name)
        switch value {
        case .list(let items): return (items, nil)
        case .object(let object):
            if let items = object.elements { return (items, object as? any ElementCollection) }
        case .record(let record): return (record.values, nil)
        default: break
        }
        throw BuiltinFailure.type(arguments.functionName, name, expected: "a list or suite", found: value)
    }

    static func aggregate(_ name: String, _ summary: String, _ combine: @escaping @Sendable ([Double]) -> Value) -> Builtin {
        Builtin(
            name: name, usage: "\(name)(xs) or \(name)(a, b, …)", summary: summary + " Nulls are skipped; booleans count as 0 or 1.",
            parameters: [.positional("xs")], isVariadic: true
        ) { arguments, _ throws(BuiltinFailure) in
            let items = try operands(arguments)
            var numbers: [Double] = []
            var allIntegers = true
            for item in items {
                switch item {
                case .null: continue
                case .boolean(let flag): numbers.append(flag ? 1 : 0)
                case .integer(let value): numbers.append(Double(value))
                case .float(let value): numbers.append(value); allIntegers = false
                default: throw BuiltinFailure(message: "\(name)() needs numbers, found \(item.typeName)", argument: "xs", id: "type.argument")
                }
            }
            let result = combine(numbers)
            if name == "sum", allIntegers, case .float(let total) = result, abs(total) < 9e15 { return .integer(Int(total)) }
            return result
        }
    }

    static func extreme(_ name: String, _ summary: String, wantsSmaller: Bool) -> Builtin {
        Builtin(
            name: name, usage: "\(name)(xs) or \(name)(a, b, …)", summary: summary,
            parameters: [.positional("xs")], isVariadic: true
        ) { arguments, _ throws(BuiltinFailure) in
            var best: Value?
            for item in try operands(arguments) where item != .null {
                guard let current = best else { best = item; continue }
                guard let order = item.compare(to: current) else {
                    throw BuiltinFailure(message: "\(name)() cannot compare \(item.typeName) with \(current.typeName)", argument: "xs", id: "type.argument")
                }
                if wantsSmaller ? order < 0 : order > 0 { best = item }
            }
            return best ?? .null
        }
    }

    /// A single list argument, or all the positional arguments.
    static func operands(_ arguments: CallArguments) throws(BuiltinFailure) -> [Value] {
        if arguments.rest.isEmpty, let only = arguments["xs"] {
            switch only {
            case .list(let items): return items
            case .object(let object): if let items = object.elements { return items }
            default: break
            }
        }
        return (arguments["xs"].map { [$0] } ?? []) + arguments.rest
    }
}

/// A lambda or a path string applied to each element.
struct Selector {
    let function: Value?
    let path: PathString?

    init(_ value: Value, argument: String) throws(BuiltinFailure) {
        switch value {
        case .function:
            function = value
            path = nil
        case .string(let text):
            function = nil
            path = try PathString(text, argument: argument)
        default:
            throw BuiltinFailure(message: "'\(argument)' must be a lambda or a path string, got \(value.typeName)", hint: "e.g. c => c/score, or \"metrics/exact\"", argument: argument, id: "type.argument")
        }
    }

    func apply(to item: Value, _ invoker: any Invoker) throws(BuiltinFailure) -> Value {
        if let function { return try invoker.call(function, with: item) }
        return try path!.resolve(in: item) ?? .null
    }
}
