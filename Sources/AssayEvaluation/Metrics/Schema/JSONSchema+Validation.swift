import AssayCore

extension JSONSchema {
    /// One validation: walks the instance and the schema together and collects violations in the
    /// order the keywords are checked (`$ref`, type, enum and const, numbers, strings, arrays,
    /// objects, then the combinators), each subschema's before its parent's later keywords.
    struct Validation {
        let schema: JSONSchema
        let limit: Int
        var violations: [JSONSchemaViolation] = []

        /// The deepest the walk goes (a `$ref` cycle that consumes nothing of the instance ends here).
        static let maximumDepth = 128

        init(schema: JSONSchema, limit: Int) {
            self.schema = schema
            self.limit = limit
        }

        var isFull: Bool { violations.count >= limit }

        mutating func fail(_ pointer: String, _ keyword: String, _ message: String) {
            if !isFull { violations.append(JSONSchemaViolation(pointer: pointer, keyword: keyword, message: message)) }
        }

        /// Whether `instance` is valid against `subschema`, without reporting.
        func passes(_ instance: JSONValue, _ subschema: JSONValue, at pointer: String, depth: Int) -> Bool {
            var probe = Validation(schema: schema, limit: 1)
            probe.check(instance, against: subschema, at: pointer, depth: depth)
            return probe.violations.isEmpty
        }

        mutating func check(_ instance: JSONValue, against subschema: JSONValue, at pointer: String, depth: Int) {
            guard !isFull else { return }
            guard depth < Self.maximumDepth else {
                return fail(pointer, "$ref", "the schema refers to itself without end")
            }
            if case .bool(let accepts) = subschema {
                if !accepts { fail(pointer, "false", "the schema allows no value here") }
                return
            }
            guard let keywords = subschema.objectValue else { return }
            if let reference = keywords["$ref"]?.stringValue, let target = schema.resolve(reference) {
                check(instance, against: target, at: pointer, depth: depth + 1)
            }
            checkType(instance, keywords, at: pointer)
            if let options = keywords["enum"]?.arrayValue, !options.contains(where: { JSONSchema.equal($0, instance) }) {
                fail(pointer, "enum", "\(instance.serialized()) is not one of \(JSONValue.array(options).serialized())")
            }
            if let constant = keywords["const"], !JSONSchema.equal(constant, instance) {
                fail(pointer, "const", "expected \(constant.serialized()), found \(instance.serialized())")
            }
            switch instance {
            case .int, .double: checkNumber(instance.doubleValue ?? 0, keywords, at: pointer)
            case .string(let text): checkString(text, keywords, at: pointer)
            case .array(let items): checkArray(items, keywords, at: pointer, depth: depth)
            case .object(let object): checkObject(object, keywords, at: pointer, depth: depth)
            case .null, .bool: break
            }
            checkCombinators(instance, keywords, at: pointer, depth: depth)
        }

        private mutating func checkType(_ instance: JSONValue, _ keywords: JSONObject, at pointer: String) {
            guard let type = keywords["type"] else { return }
            let names = type.arrayValue?.compactMap(\.stringValue) ?? type.stringValue.map { [$0] } ?? []
            guard !names.contains(where: { JSONType.matches(instance, $0) }) else { return }
            let wanted = names.count == 1 ? names[0] : "one of " + names.joined(separator: ", ")
            fail(pointer, "type", "expected \(wanted), found \(JSONType.name(of: instance))")
        }

        private mutating func checkNumber(_ number: Double, _ keywords: JSONObject, at pointer: String) {
            let shown = JSONSchema.text(number)
            if let bound = keywords["minimum"]?.doubleValue, number < bound {
                fail(pointer, "minimum", "\(shown) is less than the minimum \(JSONSchema.text(bound))")
            }
            if let bound = keywords["exclusiveMinimum"]?.doubleValue, number <= bound {
                fail(pointer, "exclusiveMinimum", "\(shown) is not greater than \(JSONSchema.text(bound))")
            }
            if let bound = keywords["maximum"]?.doubleValue, number > bound {
                fail(pointer, "maximum", "\(shown) is greater than the maximum \(JSONSchema.text(bound))")
            }
            if let bound = keywords["exclusiveMaximum"]?.doubleValue, number >= bound {
                fail(pointer, "exclusiveMaximum", "\(shown) is not less than \(JSONSchema.text(bound))")
            }
            if let divisor = keywords["multipleOf"]?.doubleValue, divisor > 0 {
                let quotient = number / divisor
                if !quotient.isFinite || quotient != quotient.rounded() {
                    fail(pointer, "multipleOf", "\(shown) is not a multiple of \(JSONSchema.text(divisor))")
                }
            }
        }

        private mutating func checkString(_ text: String, _ keywords: JSONObject, at pointer: String) {
            let length = text.unicodeScalars.count
            if let bound = JSONSchema.count(keywords["minLength"]), length < bound {
                fail(pointer, "minLength", "the text has \(length) characters, fewer than \(bound)")
            }
            if let bound = JSONSchema.count(keywords["maxLength"]), length > bound {
                fail(pointer, "maxLength", "the text has \(length) characters, more than \(bound)")
            }
            if let pattern = keywords["pattern"]?.stringValue, let expression = schema.patterns[pattern], !expression.matches(text) {
                fail(pointer, "pattern", "the text does not match the pattern \(pattern)")
            }
        }

        private mutating func checkArray(_ items: [JSONValue], _ keywords: JSONObject, at pointer: String, depth: Int) {
            let prefix = keywords["prefixItems"]?.arrayValue ?? []
            for (index, item) in items.enumerated() {
                if index < prefix.count {
                    check(item, against: prefix[index], at: pointer + "/\(index)", depth: depth + 1)
                } else if let rest = keywords["items"] {
                    check(item, against: rest, at: pointer + "/\(index)", depth: depth + 1)
                }
            }
            if let bound = JSONSchema.count(keywords["minItems"]), items.count < bound {
                fail(pointer, "minItems", "the list has \(items.count) items, fewer than \(bound)")
            }
            if let bound = JSONSchema.count(keywords["maxItems"]), items.count > bound {
                fail(pointer, "maxItems", "the list has \(items.count) items, more than \(bound)")
            }
            if keywords["uniqueItems"]?.boolValue == true {
                outer: for first in items.indices {
                    for second in items.indices where second > first && JSONSchema.equal(items[first], items[second]) {
                        fail(pointer, "uniqueItems", "items \(first) and \(second) are equal")
                        break outer
                    }
                }
            }
            if let contained = keywords["contains"] {
                let matching = items.indices.filter { passes(items[$0], contained, at: pointer + "/\($0)", depth: depth + 1) }.count
                let least = JSONSchema.count(keywords["minContains"]) ?? 1
                if matching < least {
                    fail(pointer, "contains", "\(matching) of the items match 'contains', fewer than \(least)")
                }
                if let most = JSONSchema.count(keywords["maxContains"]), matching > most {
                    fail(pointer, "maxContains", "\(matching) of the items match 'contains', more than \(most)")
                }
            }
        }

        private mutating func checkObject(_ object: JSONObject, _ keywords: JSONObject, at pointer: String, depth: Int) {
            for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                fail(pointer, "required", "missing required property '\(name)'")
            }
            if let dependencies = keywords["dependentRequired"]?.objectValue {
                for (name, needed) in dependencies where object[name] != nil {
                    for other in needed.arrayValue?.compactMap(\.stringValue) ?? [] where object[other] == nil {
                        fail(pointer, "dependentRequired", "'\(name)' is present, so '\(other)' is required")
                    }
                }
            }
            if let bound = JSONSchema.count(keywords["minProperties"]), object.count < bound {
                fail(pointer, "minProperties", "the object has \(object.count) properties, fewer than \(bound)")
            }
            if let bound = JSONSchema.count(keywords["maxProperties"]), object.count > bound {
                fail(pointer, "maxProperties", "the object has \(object.count) properties, more than \(bound)")
            }
            let properties = keywords["properties"]?.objectValue ?? JSONObject()
            let patterned = keywords["patternProperties"]?.objectValue ?? JSONObject()
            for (name, value) in object {
                let place = pointer + "/" + JSONPointer.escape(name)
                if let names = keywords["propertyNames"] {
                    check(.string(name), against: names, at: place, depth: depth + 1)
                }
                var matched = false
                if let property = properties[name] {
                    matched = true
                    check(value, against: property, at: place, depth: depth + 1)
                }
                for (pattern, property) in patterned where schema.patterns[pattern]?.matches(name) == true {
                    matched = true
                    check(value, against: property, at: place, depth: depth + 1)
                }
                if !matched, let additional = keywords["additionalProperties"] {
                    if additional == .bool(false) {
                        fail(place, "additionalProperties", "the property '\(name)' is not allowed")
                    } else {
                        check(value, against: additional, at: place, depth: depth + 1)
                    }
                }
            }
        }

        private mutating func checkCombinators(_ instance: JSONValue, _ keywords: JSONObject, at pointer: String, depth: Int) {
            for branch in keywords["allOf"]?.arrayValue ?? [] {
                check(instance, against: branch, at: pointer, depth: depth + 1)
            }
            if let branches = keywords["anyOf"]?.arrayValue, !branches.contains(where: { passes(instance, $0, at: pointer, depth: depth + 1) }) {
                fail(pointer, "anyOf", "the value matches none of the \(branches.count) schemas of anyOf")
            }
            if let branches = keywords["oneOf"]?.arrayValue {
                let matching = branches.filter { passes(instance, $0, at: pointer, depth: depth + 1) }.count
                if matching != 1 {
                    fail(pointer, "oneOf", "the value matches \(matching) of the \(branches.count) schemas of oneOf, not exactly one")
                }
            }
            if let negated = keywords["not"], passes(instance, negated, at: pointer, depth: depth + 1) {
                fail(pointer, "not", "the value matches the schema under 'not'")
            }
            if let condition = keywords["if"] {
                if passes(instance, condition, at: pointer, depth: depth + 1) {
                    if let then = keywords["then"] { check(instance, against: then, at: pointer, depth: depth + 1) }
                } else if let otherwise = keywords["else"] {
                    check(instance, against: otherwise, at: pointer, depth: depth + 1)
                }
            }
        }
    }

    /// JSON Schema's equality: numbers by value (`1` equals `1.0`), objects regardless of key
    /// order, lists item by item; never a string equal to a number.
    static func equal(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.int, .int), (.int, .double), (.double, .int), (.double, .double):
            left.doubleValue == right.doubleValue
        case (.string(let first), .string(let second)):
            // Code point by code point: Swift's == would equate "é" with "e" and a combining accent.
            first.unicodeScalars.elementsEqual(second.unicodeScalars)
        case (.array(let first), .array(let second)):
            first.count == second.count && zip(first, second).allSatisfy { equal($0, $1) }
        case (.object(let first), .object(let second)):
            first.count == second.count && first.allSatisfy { key, value in second[key].map { equal(value, $0) } ?? false }
        default:
            left == right
        }
    }

    /// A non-negative count keyword's value (`3`, or `3.0`).
    static func count(_ value: JSONValue?) -> Int? {
        guard let number = value?.doubleValue, number >= 0, number == number.rounded(), number < 1e15 else { return nil }
        return Int(number)
    }

    /// `3`, or `2.5`.
    static func text(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
