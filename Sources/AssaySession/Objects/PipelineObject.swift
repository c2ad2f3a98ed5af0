import AssayCore
import AssayEvaluation
import AssayLanguage

/// A named run configuration as the language sees it: `p = pipeline(name: "menu", template: …,
/// model: …, metrics: […])`, then `run(suite, p)`.
///
/// It holds the keyword arguments it was given, as given (the template compiled), and passes them
/// to `run` under any the call gives itself; `p/model`, `p/metrics` … reach them, and a setting
/// that was not given is `null`.
struct PipelineObject: DomainObject, RichDisplayable, JSONConvertible {
    /// The name `pipelines()`, runs and `history()` know it by.
    let name: String
    /// The settings, by `run` keyword, in the order ``PipelineBuiltins/keywords`` lists them.
    let settings: Record
    /// Where it was defined: `assay.init:3`, `<cell>:1`, `<command>:1`.
    let definedAt: String

    var typeName: String { "pipeline" }

    var memberNames: [String] { ["name", "defined_at", "settings"] + settings.keys }

    func member(_ name: String) -> Value? {
        switch name {
        case "name": return .string(self.name)
        case "defined_at": return .string(definedAt)
        case "settings": return .record(settings)
        default:
            if let value = settings[name] { return value }
            return PipelineBuiltins.keywords.contains(name) ? .null : nil
        }
    }

    /// The model's name, whether the pipeline holds a name or a model value.
    var modelName: String {
        switch settings["model"] {
        case .object(let object as ModelObject)?: object.model.descriptor.name
        case .string(let name)?: name
        case let other?: other.plainText
        case nil: ""
        }
    }

    /// The first non-blank line of the template's user text.
    var templateLine: String {
        guard case .object(let object as TemplateObject)? = settings["template"] else { return "" }
        return object.template.user.split(separator: "\n").first { !$0.allSatisfy(\.isWhitespace) }.map(String.init) ?? ""
    }

    /// The metrics' names, comma-separated (lambdas by their source, metric values by their name).
    var metricsText: String {
        guard let metrics = settings["metrics"] else { return "" }
        let items: [Value] = if case .list(let list) = metrics { list } else { [metrics] }
        return items.map(Self.settingText).joined(separator: ", ")
    }

    /// One setting's value on one line, as the listing shows it.
    static func settingText(_ value: Value) -> String {
        switch value {
        case .string(let text): return text
        case .object(let object as TemplateObject): return Table.oneLine(object.template.user)
        case .object(let object as ModelObject): return object.model.descriptor.name
        case .object(let object as MetricObject): return object.metric.name
        case .function: return RunArguments.source(of: value)
        case .list(let items): return "[" + items.map(settingText).joined(separator: ", ") + "]"
        case .record(let record):
            return "{" + record.pairs.map { "\(Value.keyText($0.key)): \(settingText($0.value))" }.joined(separator: ", ") + "}"
        default: return Table.oneLine(value.literalText)
        }
    }

    private var table: Table {
        Table(headers: ["setting", "value"], rows: settings.pairs.map { [$0.key, Self.settingText($0.value)] },
              caption: "defined at \(definedAt)")
    }

    var plainText: String {
        "pipeline \(name)\n" + table.plainText
    }

    var mimeBundle: MIMEBundle {
        MIMEBundle(["text/plain": plainText, "text/html": "<p>pipeline \(HTML.escape(name))</p>\n" + table.html])
    }

    func isSame(as other: any DomainObject) -> Bool {
        guard let other = other as? PipelineObject else { return false }
        return other.name == name && other.definedAt == definedAt && other.settings == settings
    }

    var jsonValue: JSONValue {
        var object = JSONObject()
        object["name"] = .string(name)
        object["defined_at"] = .string(definedAt)
        var converted = JSONObject()
        for (key, value) in settings.pairs {
            converted[key] = (try? JSONBridge.json(value)) ?? .string(Self.settingText(value))
        }
        object["settings"] = .object(converted)
        return .object(object)
    }
}
