import AssayCore
import AssayEvaluation
import AssayLanguage
import Foundation

/// Builtins for values in general: output, inspection, conversion and help.
enum CoreBuiltins {
    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "print", usage: "print(value, …)", summary: "Writes values to standard output, separated by spaces.",
                parameters: [], isVariadic: true, isSilent: true
            ) { arguments, invoker throws(BuiltinFailure) in
                invoker.write(arguments.rest.map(\.plainText).joined(separator: " ") + "\n")
                return .null
            },
            Builtin(
                name: "eprint", usage: "eprint(value, …)", summary: "Writes values to standard error, separated by spaces.",
                parameters: [], isVariadic: true, isSilent: true
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                state.sink(.stream(.stderr, arguments.rest.map(\.plainText).joined(separator: " ") + "\n"))
                return .null
            },
            Builtin(
                name: "display", usage: "display(value)", summary: "Shows a value now, with its rich forms (tables, charts), without ending the cell.",
                parameters: [.positional("value")], isSilent: true
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                state.sink(.display(ValueRenderer.bundle(for: try arguments.required("value")), displayID: nil))
                return .null
            },
            Builtin(
                name: "clear_output", usage: "clear_output(wait: false)", summary: "Clears the cell's output so far (notebooks; a no-op in scripts).",
                parameters: [.keyword("wait")], isSilent: true
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                state.sink(.clearOutput(wait: try arguments.boolean("wait") ?? false))
                return .null
            },
            Builtin(
                name: "input", usage: "input(prompt, password: false)", summary: "Asks the user for one line of text and returns it.",
                parameters: [.positional("prompt", required: false), .keyword("password")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                guard let read = state.readInput else {
                    throw BuiltinFailure(
                        message: "input() cannot ask for text here: this front end has no input channel",
                        hint: "in a notebook, input() works when the client allows stdin", id: "io.no-input"
                    )
                }
                guard let line = read(try arguments.string("prompt") ?? "", try arguments.boolean("password") ?? false) else {
                    throw BuiltinFailure(message: "input() got no answer", id: "io.no-input")
                }
                return .string(line)
            },
            Builtin(
                name: "len", usage: "len(x)", summary: "The number of elements of a list, suite or record, or of characters in a string.",
                parameters: [.positional("x")]
            ) { arguments, _ throws(BuiltinFailure) in
                let value = try arguments.required("x")
                switch value {
                case .list(let items): return .integer(items.count)
                case .string(let text): return .integer(text.count)
                case .record(let record): return .integer(record.count)
                case .object(let object) where object.elementCount != nil: return .integer(object.elementCount!)
                default: throw BuiltinFailure.type("len", "x", expected: "a list, string, record or suite", found: value)
                }
            },
            Builtin(
                name: "keys", usage: "keys(x)", summary: "The keys of a record, or the fields of an object such as a run.",
                parameters: [.positional("x")]
            ) { arguments, _ throws(BuiltinFailure) in
                switch try arguments.required("x") {
                case .record(let record): return .list(record.keys.map(Value.string))
                case .object(let object): return .list(object.memberNames.map(Value.string))
                case let other: throw BuiltinFailure.type("keys", "x", expected: "a record", found: other)
                }
            },
            Builtin(
                name: "values", usage: "values(x)", summary: "The values of a record, in key order.",
                parameters: [.positional("x")]
            ) { arguments, _ throws(BuiltinFailure) in
                switch try arguments.required("x") {
                case .record(let record): return .list(record.values)
                case .object(let object): return .list(object.memberNames.compactMap { object.member($0) })
                case let other: throw BuiltinFailure.type("values", "x", expected: "a record", found: other)
                }
            },
            Builtin(
                name: "get", usage: "get(x, \"a/b/0\", default: null)",
                summary: "Follows a path written as a string; returns the default when a step is missing.",
                parameters: [.positional("x"), .positional("path"), .keyword("default")]
            ) { arguments, _ throws(BuiltinFailure) in
                let path = try PathString(try arguments.string("path") ?? "", argument: "path")
                let found = try path.resolve(in: try arguments.required("x"), missingIsError: arguments["default"] == nil)
                return found ?? arguments["default"] ?? .null
            },
            Builtin(name: "type", usage: "type(x)", summary: "The name of a value's type, e.g. \"list\" or \"suite\".", parameters: [.positional("x")]) {
                arguments, _ throws(BuiltinFailure) in .string(try arguments.required("x").typeName)
            },
            Builtin(name: "str", usage: "str(x)", summary: "A value as text (strings unchanged).", parameters: [.positional("x")]) {
                arguments, _ throws(BuiltinFailure) in .string(try arguments.required("x").plainText)
            },
            Builtin(
                name: "num", usage: "num(x)", summary: "A string or boolean as a number; numbers unchanged.", parameters: [.positional("x")]
            ) { arguments, _ throws(BuiltinFailure) in
                try number(from: try arguments.required("x"))
            },
            Builtin(
                name: "json", usage: "json(x, pretty: false, parse: false)",
                summary: "A value as JSON text, or with parse: true, JSON text as a value.",
                parameters: [.positional("x"), .keyword("pretty"), .keyword("parse")]
            ) { arguments, _ throws(BuiltinFailure) in
                let value = try arguments.required("x")
                if try arguments.boolean("parse") == true {
                    guard case .string(let text) = value else { throw BuiltinFailure.type("json", "x", expected: "JSON text", found: value) }
                    do throws(JSONSyntaxError) {
                        return JSONBridge.value(try JSONValue.parse(text))
                    } catch {
                        throw BuiltinFailure(message: "not valid JSON: \(error.message) at line \(error.line), column \(error.column)", argument: "x", id: "value.bad-json")
                    }
                }
                return .string(try JSONBridge.json(value).serialized(pretty: try arguments.boolean("pretty") ?? false))
            },
            Builtin(
                name: "range", usage: "range(stop) or range(start, stop, step: 1)", summary: "A list of whole numbers from start (default 0) up to, not including, stop.",
                parameters: [.positional("start"), .positional("stop", required: false), .keyword("step")]
            ) { arguments, _ throws(BuiltinFailure) in
                var start = try arguments.integer("start") ?? 0
                var stop = try arguments.integer("stop") ?? start
                if arguments["stop"] == nil { (start, stop) = (0, start) }
                let step = try arguments.integer("step") ?? 1
                guard step != 0 else { throw BuiltinFailure(message: "range() step cannot be 0", argument: "step") }
                let count = step > 0 ? max(0, (stop - start + step - 1) / step) : max(0, (start - stop - step - 1) / -step)
                guard count <= 50_000_000 else {
                    throw BuiltinFailure(message: "range() would make \(count) numbers; the limit is 50,000,000", id: "value.too-large")
                }
                return .list(stride(from: start, to: stop, by: step).map(Value.integer))
            },
            Builtin(
                name: "round", usage: "round(x, digits: 0)", summary: "A number rounded half away from zero to the given decimal digits.",
                parameters: [.positional("x"), .positional("digits", required: false)]
            ) { arguments, _ throws(BuiltinFailure) in
                guard let x = try arguments.number("x") else { return .null }
                let digits = try arguments.integer("digits") ?? 0
                if digits == 0 {
                    let rounded = x.rounded(.toNearestOrAwayFromZero)
                    return abs(rounded) < 9e15 ? .integer(Int(rounded)) : .float(rounded)
                }
                let scale = pow(10, Double(digits))
                return .float((x * scale).rounded(.toNearestOrAwayFromZero) / scale)
            },
            Builtin(
                name: "help", usage: "help(name)", summary: "Shows what a builtin does and how to call it; help() lists them all.",
                parameters: [.positional("name", required: false)], isSilent: true
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let text = try HelpText.text(for: arguments["name"], in: state)
                state.sink(.page(MIMEBundle(plainText: text)))
                return .null
            },
        ]
    }

    static func number(from value: Value) throws(BuiltinFailure) -> Value {
        switch value {
        case .integer, .float: return value
        case .boolean(let flag): return .integer(flag ? 1 : 0)
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let integer = Int(trimmed) { return .integer(integer) }
            if let double = Double(trimmed), double.isFinite { return .float(double) }
            throw BuiltinFailure(message: "'\(text)' is not a number", argument: "x", id: "value.not-a-number")
        default:
            throw BuiltinFailure.type("num", "x", expected: "a string, boolean or number", found: value)
        }
    }
}
