import AssayCore
import AssayEvaluation
import AssayLanguage

/// Builtins that make and render prompt templates.
enum TemplateBuiltins {
    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "template", usage: "template(text) or template(file: path) or template(system: …, user: …) or template(system_file: path, user: …)",
                summary: "A Jinja-style prompt template ({{ input }}, {% for %}, filters), identified by its SHA-256.",
                parameters: [.positional("text", required: false), .keyword("file"), .keyword("system"), .keyword("system_file"), .keyword("user")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let path = try arguments.string("file")
                let text = try arguments.string("text")
                let user = try arguments.string("user") ?? text
                let system = try arguments.string("system")
                let systemFile = try arguments.string("system_file")
                if system != nil, systemFile != nil {
                    throw BuiltinFailure(message: "template() takes system: or system_file:, not both", argument: "system_file")
                }
                if systemFile != nil, user == nil {
                    throw BuiltinFailure(message: "template(system_file: …) needs user:", hint: "template(system_file: \"sys.txt\", user: \"{{ input }}\")",
                                         argument: "system_file", id: "argument.missing")
                }
                do throws(TemplateError) {
                    if let systemFile, let user {
                        return .object(TemplateObject(template: try PromptTemplate(systemFile: state.resolvePath(systemFile), name: systemFile, user: user)))
                    }
                    if let path {
                        return .object(TemplateObject(template: try PromptTemplate(contentsOfFile: state.resolvePath(path), name: path)))
                    }
                    if let user {
                        if let system {
                            return .object(TemplateObject(template: try PromptTemplate(system: system, user: user)))
                        }
                        return .object(TemplateObject(template: try PromptTemplate(text: user)))
                    }
                } catch {
                    let argument = path != nil ? "file" : systemFile != nil && error.fileName != nil ? "system_file" : "text"
                    throw BuiltinFailure(message: error.oneLine, hint: error.hint, argument: argument, id: "value.template")
                }
                throw BuiltinFailure(message: "template() needs text, file: or user:", hint: "template(\"Q: {{ input }}\")", id: "argument.missing")
            },
            Builtin(
                name: "render", usage: "render(template, case)",
                summary: "The prompt a template makes for one case: text, or a list of chat messages for system/user templates.",
                parameters: [.positional("template"), .positional("case")]
            ) { arguments, _ throws(BuiltinFailure) in
                let template = try templateArgument(arguments, "template")
                let value = try arguments.required("case")
                guard case .record(let record) = value else { throw BuiltinFailure.type("render", "case", expected: "a case record", found: value) }
                let fields = try JSONBridge.object(record)
                let caseID = fields["id"].flatMap { $0.stringValue ?? $0.description }
                do throws(TemplateError) {
                    let messages = try template.render(fields, caseID: caseID)
                    if template.system == nil, messages.count == 1 { return .string(messages[0].content) }
                    return .list(messages.map { .record(Record([("role", .string($0.role)), ("content", .string($0.content))])) })
                } catch {
                    throw BuiltinFailure(message: error.oneLine, hint: error.hint, argument: "case", id: "value.template")
                }
            },
        ]
    }

    /// A template argument: a template, or text to make one from.
    static func templateArgument(_ arguments: CallArguments, _ name: String) throws(BuiltinFailure) -> PromptTemplate {
        try templateValue(try arguments.required(name), argument: name, function: arguments.functionName)
    }

    /// A template value: a template, or text to make one from.
    static func templateValue(_ value: Value, argument name: String, function: String) throws(BuiltinFailure) -> PromptTemplate {
        if case .object(let object) = value, let template = object as? TemplateObject { return template.template }
        if case .string(let text) = value {
            do throws(TemplateError) { return try PromptTemplate(text: text) } catch {
                throw BuiltinFailure(message: error.oneLine, hint: error.hint, argument: name, id: "value.template")
            }
        }
        throw BuiltinFailure.type(function, name, expected: "a template", found: value)
    }
}

extension TemplateError {
    /// The message with the place in the template, on one line: `prompt.txt:2:9: message` for a
    /// template file, else `message (template line 2, column 9)`.
    var oneLine: String {
        if let fileName {
            return SourcePosition.located(message, in: fileName, line: line, column: column)
        }
        guard let line else { return message }
        return "\(message) (template line \(line)\(column.map { ", column \($0)" } ?? ""))"
    }
}
