import AssayCore
import AssayEvaluation
import AssayLanguage

/// Converts between the language's values and the evaluation engine's JSON values.
enum JSONBridge {
    /// A JSON value as a language value (objects become records, in key order).
    static func value(_ json: JSONValue) -> Value {
        switch json {
        case .null: return .null
        case .bool(let flag): return .boolean(flag)
        case .int(let number): return .integer(number)
        case .double(let number): return .float(number)
        case .string(let text): return .string(text)
        case .array(let items): return .list(items.map(value))
        case .object(let object): return .record(record(object))
        }
    }

    /// A JSON object as a record.
    static func record(_ object: JSONObject) -> Record {
        var record = Record()
        record.reserveCapacity(object.count)
        for (key, item) in object { record[key] = value(item) }
        return record
    }

    /// A language value as JSON; functions cannot be converted.
    static func json(_ value: Value) throws(BuiltinFailure) -> JSONValue {
        switch value {
        case .null: return .null
        case .boolean(let flag): return .bool(flag)
        case .integer(let number): return .int(number)
        case .float(let number): return .double(number)
        case .string(let text): return .string(text)
        case .list(let items):
            var result: [JSONValue] = []
            result.reserveCapacity(items.count)
            for item in items { result.append(try json(item)) }
            return .array(result)
        case .record(let record): return .object(try object(record))
        case .function:
            throw BuiltinFailure(message: "a function cannot be turned into JSON", id: "type.not-json")
        case .object(let domain):
            if let convertible = domain as? any JSONConvertible { return convertible.jsonValue }
            if let elements = domain.elements {
                var result: [JSONValue] = []
                for item in elements { result.append(try json(item)) }
                return .array(result)
            }
            var converted = JSONObject()
            for name in domain.memberNames {
                if let member = domain.member(name) { converted[name] = try json(member) }
            }
            return .object(converted)
        }
    }

    /// A record as a JSON object.
    static func object(_ record: Record) throws(BuiltinFailure) -> JSONObject {
        var object = JSONObject()
        object.reserveCapacity(record.count)
        for (key, item) in record.pairs { object[key] = try json(item) }
        return object
    }
}

/// A domain object with its own JSON form.
protocol JSONConvertible {
    var jsonValue: JSONValue { get }
}
