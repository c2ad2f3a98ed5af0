import AssayCore
import AssayEvaluation
import AssayLanguage
import Foundation

/// `json_schema(schema)` and `json_schema(file: "schema.json")`: the metric; with `value:`, the
/// check of one value.
extension MetricBuiltins {
    static func jsonSchemaBuiltin(_ state: SessionState) -> Builtin {
        Builtin(
            name: "json_schema",
            usage: "json_schema(schema) → metric; json_schema(file: \"schema.json\") → metric; json_schema(schema, value: v) → {valid, violations}",
            summary: "Whether the extracted JSON validates against a JSON Schema (draft 2020-12): 1 or 0, with the first violations as JSON pointers; with value:, the check of one value.",
            parameters: [.positional("schema", required: false), .keyword("file"), .keyword("value")]
        ) { [unowned state] arguments, _ throws(BuiltinFailure) in
            let settings = try jsonSchemaSettings(arguments, state: state)
            guard let value = arguments["value"] else {
                return .object(MetricObject(metric: try state.metric(MetricSpec(.jsonSchema(settings)), argument: settings.file == nil ? "schema" : "file")))
            }
            let schema: JSONSchema
            do throws(JSONSchemaError) { schema = try JSONSchema(settings.schema) } catch {
                throw BuiltinFailure(message: error.description, argument: "schema", id: "value.schema")
            }
            let violations = schema.validateParsing(try JSONBridge.json(value), limit: 20)
            return .record(Record([
                ("valid", .boolean(violations.isEmpty)),
                ("violations", .list(violations.map { violation in
                    .record(Record([("pointer", .string(violation.pointer)), ("keyword", .string(violation.keyword)), ("message", .string(violation.message))]))
                })),
            ]))
        }
    }

    /// The schema written inline, or read from `file:` (relative to the session's folder).
    static func jsonSchemaSettings(_ arguments: CallArguments, state: SessionState) throws(BuiltinFailure) -> JSONSchemaSettings {
        if let file = try arguments.string("file") {
            guard arguments["schema"] == nil else {
                throw BuiltinFailure(message: "json_schema takes a schema or a file, not both", argument: "file")
            }
            return JSONSchemaSettings(schema: try readSchema(file, state: state), file: file)
        }
        guard let schema = arguments["schema"] else {
            throw BuiltinFailure(message: "json_schema needs a schema", hint: "write json_schema({type: \"object\", required: [\"name\"]}) or json_schema(file: \"schema.json\")",
                                 argument: "schema")
        }
        return JSONSchemaSettings(schema: try JSONBridge.json(schema))
    }

    /// A schema file's JSON; an error names the file, and the line and column of a syntax error.
    static func readSchema(_ file: String, state: SessionState) throws(BuiltinFailure) -> JSONValue {
        let path = state.resolvePath(file)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BuiltinFailure(message: "cannot read the schema file \(file)", hint: "the path is relative to \(state.resolvePath("."))", argument: "file", id: "value.file")
        }
        do throws(JSONSyntaxError) { return try JSONValue.parse(text) } catch {
            throw BuiltinFailure(message: "\(file):\(error.line):\(error.column): \(error.message)", hint: "a schema file holds one JSON object", argument: "file", id: "value.file")
        }
    }
}
