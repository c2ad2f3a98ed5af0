import AssayEvaluation
import AssayLanguage

/// A prompt template as the language sees it.
struct TemplateObject: DomainObject {
    let template: PromptTemplate

    var typeName: String { "template" }
    var memberNames: [String] { ["text", "system", "user", "examples", "sha256"] }

    func member(_ name: String) -> Value? {
        switch name {
        case "text", "user": return .string(template.user)
        case "system": return template.system.map(Value.string) ?? .null
        case "sha256": return .string(template.sha256)
        case "examples":
            return .list(template.examples.map { .record(Record([("user", .string($0.user)), ("assistant", .string($0.assistant))])) })
        default: return nil
        }
    }

    var plainText: String {
        var lines = ["template \(template.sha256.prefix(12))"]
        if let system = template.system { lines.append("system: " + system) }
        for example in template.examples {
            lines.append("example user: " + example.user)
            lines.append("example assistant: " + example.assistant)
        }
        lines.append((template.system == nil && template.examples.isEmpty ? "" : "user: ") + template.user)
        return lines.joined(separator: "\n")
    }

    func isSame(as other: any DomainObject) -> Bool {
        (other as? TemplateObject)?.template.sha256 == template.sha256
    }
}
