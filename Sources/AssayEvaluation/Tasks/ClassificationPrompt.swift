import AssayCore

/// The prompt `classify` sends: the instructions, the labels to choose from, worked examples as
/// earlier turns or written into the system message, and the case's text as the user message.
///
/// The instructions are template text like any template's (they may use the case's fields); the
/// labels and examples are inserted literally, whatever characters they contain.
public struct ClassificationPrompt: Sendable {
    /// How worked examples reach the model.
    public enum ExampleStyle: String, Sendable, CaseIterable {
        /// As user and assistant turns before the case (few-shot messages).
        case messages
        /// Written into the system message as `Text:` / `Label:` pairs.
        case prompt
    }

    /// One worked example: a text and its label (several for a multi-label task).
    public struct Example: Sendable, Hashable {
        /// The example's text.
        public let text: String
        /// Its labels (one for a single-label task).
        public let labels: [String]

        /// Creates an example.
        ///
        /// - Parameters:
        ///   - text: The text.
        ///   - labels: Its labels.
        public init(text: String, labels: [String]) {
            self.text = text
            self.labels = labels
        }
    }

    /// The labels to choose from.
    public let labels: [String]
    /// Instructions before the labels, as template text; nil or empty for none.
    public let instructions: String?
    /// Worked examples, each labelled with labels of ``labels``.
    public let examples: [Example]
    /// How the examples reach the model.
    public let style: ExampleStyle
    /// Whether an answer may hold several labels.
    public let multiLabel: Bool
    /// The case field that holds the text to classify.
    public let field: String

    /// Creates a prompt, checking that every example's labels are among the labels (compared as
    /// answers are: ``Extraction/labelKey(_:)``).
    ///
    /// - Throws: ``ClassificationPromptError`` naming the example and its unknown label.
    public init(
        labels: [String], instructions: String?, examples: [Example], style: ExampleStyle, multiLabel: Bool, field: String
    ) throws(ClassificationPromptError) {
        let known = Set(labels.map(Extraction.labelKey))
        for example in examples {
            for label in example.labels where !known.contains(Extraction.labelKey(label)) {
                throw ClassificationPromptError(
                    message: "the example \(JSONValue.string(example.text).serialized()) is labelled '\(label)', which is not one of the labels",
                    hint: "labels: " + labels.joined(separator: ", "), argument: "examples")
            }
        }
        self.labels = labels
        self.instructions = instructions
        self.examples = examples
        self.style = style
        self.multiLabel = multiLabel
        self.field = field
    }

    /// The template: system message, examples, then `{{ field }}`.
    ///
    /// - Returns: The template.
    /// - Throws: ``ClassificationPromptError`` when the instructions do not compile, or a label or
    ///   example holds the word that ends the raw block they are inserted in.
    public func template() throws(ClassificationPromptError) -> PromptTemplate {
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
            for example in examples {
                fixed += "\n\nText: \(example.text)\n\(multiLabel ? "Labels" : "Label"): \(example.labels.joined(separator: ", "))"
            }
        }
        system += try Self.literal(fixed)
        let fewShot = style == .messages ? examples.map { FewShotExample(user: $0.text, assistant: $0.labels.joined(separator: ", ")) } : []
        do {
            return try PromptTemplate(system: system, examples: fewShot, user: "{{ \(field) }}")
        } catch {
            throw ClassificationPromptError(message: "the classification prompt does not compile: \(error.description)", argument: "instructions")
        }
    }

    /// The extraction that keeps answers to the labels.
    public var extraction: Extraction {
        multiLabel ? .labelSet(labels) : .labels(labels)
    }

    /// Text the template engine inserts as it is: a raw block.
    static func literal(_ text: String) throws(ClassificationPromptError) -> String {
        if text.contains("endraw") {
            throw ClassificationPromptError(message: "labels and examples cannot contain the word 'endraw'", argument: "examples")
        }
        return "{% raw %}" + text + "{% endraw %}"
    }
}

/// Why a classification prompt could not be made.
public struct ClassificationPromptError: Error, Sendable, Hashable {
    /// What went wrong.
    public let message: String
    /// What to do, when there is more to say.
    public var hint: String? = nil
    /// The argument of `classify` at fault (`examples`, `instructions`).
    public let argument: String
}
