import AssayEvaluation
import AssayLanguage
import Foundation

/// The prompt `classify` sends: the instructions, the labels to choose from, worked examples as
/// earlier turns or written into the system message, and the case's text as the user message.
///
/// The instructions are template text like any template's (they may use the case's fields); the
/// labels and examples are inserted literally, whatever characters they contain.
struct ClassificationPrompt {
    /// How worked examples reach the model.
    enum ExampleStyle: String, CaseIterable {
        /// As user and assistant turns before the case (few-shot messages).
        case messages
        /// Written into the system message as `Text:` / `Label:` pairs.
        case prompt
    }

    /// One worked example: a text and its label (or labels, comma-separated).
    struct Example {
        let text: String
        let label: String
    }

    let labels: [String]
    let instructions: String?
    let examples: [Example]
    let style: ExampleStyle
    let multiLabel: Bool
    /// The case field that holds the text to classify.
    let field: String

    /// The template: system message, examples, then `{{ field }}`.
    func template() throws(BuiltinFailure) -> PromptTemplate {
        var system = ""
        if let instructions, !instructions.isEmpty { system = instructions + "\n\n" }
        var fixed = multiLabel
            ? "Classify the text with every label that applies, choosing from these labels:\n"
            : "Classify the text into exactly one of these labels:\n"
        fixed += labels.map { "- " + $0 }.joined(separator: "\n")
        fixed += multiLabel
            ? "\nAnswer with the labels that apply, separated by commas, and nothing else."
            : "\nAnswer with the label only."
        if style == .prompt, !examples.isEmpty {
            fixed += "\n\nExamples:"
            for example in examples { fixed += "\n\nText: \(example.text)\n\(multiLabel ? "Labels" : "Label"): \(example.label)" }
        }
        system += try Self.literal(fixed)
        let fewShot = style == .messages ? examples.map { FewShotExample(user: $0.text, assistant: $0.label) } : []
        do {
            return try PromptTemplate(system: system, examples: fewShot, user: "{{ \(field) }}")
        } catch {
            throw BuiltinFailure(message: "the classification prompt does not compile: \(error.description)", argument: "instructions", id: "value.template")
        }
    }

    /// The extraction that keeps answers to the labels.
    var extraction: Extraction {
        multiLabel ? .labelSet(labels) : .labels(labels)
    }

    /// Text the template engine inserts as it is: a raw block.
    static func literal(_ text: String) throws(BuiltinFailure) -> String {
        if text.contains("endraw") {
            throw BuiltinFailure(message: "labels and examples cannot contain the word 'endraw'", argument: "examples")
        }
        return "{% raw %}" + text + "{% endraw %}"
    }

    /// Worked examples from `{text: label, …}` or a list of `{text:, label:}` (or `{input:,
    /// expected:}`) records; every label must be one of `labels`.
    static func examples(_ value: Value?, labels: [String], multiLabel: Bool, function: String) throws(BuiltinFailure) -> [Example] {
        guard let value, value != .null else { return [] }
        var pairs: [(String, Value)] = []
        switch value {
        case .record(let record):
            pairs = record.pairs
        case .list(let items):
            for item in items {
                guard case .record(let record) = item,
                      let text = record["text"] ?? record["input"], let label = record["label"] ?? record["expected"] else {
                    throw BuiltinFailure.type(function, "examples", expected: "records with 'text' and 'label'", found: item)
                }
                guard case .string(let string) = text else {
                    throw BuiltinFailure.type(function, "examples", expected: "a text for each example", found: text)
                }
                pairs.append((string, label))
            }
        default:
            throw BuiltinFailure.type(function, "examples", expected: "a record {text: label, …} or a list of {text:, label:} records", found: value)
        }
        let known = Set(labels.map(Extraction.labelKey))
        var examples: [Example] = []
        for (text, label) in pairs {
            let named: [String]
            switch label {
            case .string(let one): named = (multiLabel ? Extraction.labelParts(one) : [one]).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            case .list(let many) where multiLabel: named = many.map { if case .string(let s) = $0 { s.trimmingCharacters(in: .whitespacesAndNewlines) } else { $0.plainText } }
            default:
                throw BuiltinFailure.type(function, "examples", expected: multiLabel ? "a label or a list of labels" : "a label", found: label)
            }
            for name in named where !known.contains(Extraction.labelKey(name)) {
                throw BuiltinFailure(message: "the example \(Value.quoted(text)) is labelled '\(name)', which is not one of the labels",
                                     hint: "labels: " + labels.joined(separator: ", "), argument: "examples")
            }
            examples.append(Example(text: text, label: named.joined(separator: ", ")))
        }
        return examples
    }
}
