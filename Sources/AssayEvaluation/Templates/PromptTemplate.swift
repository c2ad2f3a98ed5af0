import AssayCore
import Foundation

/// A prompt template: Jinja-style text for the user message, optionally with a system message.
///
/// The syntax is Jinja's: `{{ input }}`, paths such as `{{ case.meta.x }}` or `{{ items.0 }}`,
/// filters with Jinja calls (`{{ labels | join(", ") }}`) or Stencil's form (`join:", "`),
/// `{% if %}` / `{% elif %}` / `{% else %}`, `{% for x in examples %}` with `loop.index`,
/// comments `{# … #}`, `{% raw %}` and `-` whitespace control. Stencil runs the block structure.
///
/// Every field of the case is a variable, and `case` is the whole record. Rendering is strict:
/// a variable missing from the case is a ``TemplateError`` naming it, the case and the position,
/// except inside `{% if %}` conditions, under `default`, or in `is defined` tests. Values are
/// inserted as text and never read as template syntax, so a case whose input is `{{ evil }}`
/// renders those characters literally. Nothing is HTML-escaped. Numbers render as in JSON (`3`,
/// `0.5`), Booleans as `true` / `false`, null as nothing, and lists and objects as compact JSON.
///
/// The text is canonicalized before use: CRLF line breaks become LF and, as in Jinja, one final
/// line break is dropped. A template is identified by ``sha256``.
public struct PromptTemplate: Sendable {
    /// The canonical text of the system message template, if any.
    public let system: String?
    /// The canonical text of the user message template.
    public let user: String
    /// Worked examples sent as earlier turns of the conversation, between the system message and
    /// the user message; their text is literal, never template syntax.
    public let examples: [FewShotExample]
    /// The SHA-256 of the canonical text, in lowercase hexadecimal; for a template with a system
    /// part, of the compact JSON `{"system":SYSTEM,"user":USER}`; with examples, of
    /// `{"examples":[[USER,ASSISTANT],…],"system":SYSTEM,"user":USER}`.
    public let sha256: String
    private let systemPart: Part?
    private let userPart: Part

    private struct Part: Sendable {
        let name: String
        let text: String
        let program: TemplateProgram
    }

    /// Compiles a single-message template.
    ///
    /// - Parameter text: The template text.
    /// - Throws: ``TemplateError`` with code `syntax` and the line and column of the problem.
    public init(text: String) throws(TemplateError) {
        try self.init(system: nil, user: text, userName: "template")
    }

    /// Compiles a chat template with an optional system message.
    ///
    /// - Parameters:
    ///   - system: The system message template, or `nil` for none.
    ///   - user: The user message template.
    /// - Throws: ``TemplateError`` naming the part (`system` or `user`) and the position.
    public init(system: String?, user: String) throws(TemplateError) {
        try self.init(system: system, user: user, userName: system == nil ? "template" : "user")
    }

    /// Compiles a chat template whose conversation starts with worked examples (few-shot turns).
    ///
    /// - Parameters:
    ///   - system: The system message template, or `nil` for none.
    ///   - examples: User and assistant message pairs sent, literally, before the user message.
    ///   - user: The user message template.
    /// - Throws: ``TemplateError`` naming the part (`system` or `user`) and the position.
    public init(system: String?, examples: [FewShotExample], user: String) throws(TemplateError) {
        try self.init(system: system, user: user, userName: system == nil && examples.isEmpty ? "template" : "user", examples: examples)
    }

    /// Reads and compiles a single-message template from a file (a leading byte order mark is
    /// ignored).
    ///
    /// - Parameter path: The template file's path.
    /// - Throws: ``TemplateError`` with code `unreadableFile`, or `syntax` naming the file.
    public init(contentsOfFile path: String) throws(TemplateError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw TemplateError(.unreadableFile, message: exists ? "the template file could not be read" : "no such template file",
                                templateName: path,
                                hint: exists ? "check its permissions" : "check the path; relative paths start at the current directory")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw TemplateError(.unreadableFile, message: "the template file is not valid UTF-8 text", templateName: path)
        }
        try self.init(system: nil, user: text, userName: path)
    }

    private init(system: String?, user: String, userName: String, examples: [FewShotExample] = []) throws(TemplateError) {
        let userText = Self.canonical(user)
        let systemText = system.map(Self.canonical)
        userPart = try Self.compile(userText, name: userName)
        systemPart = try systemText.map { (text) throws(TemplateError) in try Self.compile(text, name: "system") }
        self.user = userText
        self.system = systemText
        self.examples = examples
        if !examples.isEmpty {
            let combined: JSONValue = [
                "examples": .array(examples.map { [.string($0.user), .string($0.assistant)] }),
                "system": systemText.map(JSONValue.string) ?? .null, "user": .string(userText),
            ]
            sha256 = sha256Hex(Array(combined.canonicalSerialization().utf8))
        } else if let systemText {
            let combined: JSONValue = ["system": .string(systemText), "user": .string(userText)]
            sha256 = sha256Hex(Array(combined.serialized().utf8))
        } else {
            sha256 = sha256Hex(Array(userText.utf8))
        }
    }

    /// Renders the messages for one case: the system message (when there is one), the worked
    /// examples as user and assistant turns, then the user message.
    ///
    /// - Parameters:
    ///   - fields: The case's fields; each is a variable, and `case` is the whole record.
    ///   - caseID: The case's id, named in error messages.
    /// - Returns: The rendered messages.
    /// - Throws: ``TemplateError`` with code `undefinedVariable` naming the variable, the case and
    ///   the position, or `invalidValue` when a value cannot be used as the template asks.
    public func render(_ fields: JSONObject, caseID: String? = nil) throws(TemplateError) -> [ChatMessage] {
        var messages: [ChatMessage] = []
        if let systemPart {
            messages.append(ChatMessage(role: "system", content: try Self.render(systemPart, fields, caseID: caseID)))
        }
        for example in examples {
            messages.append(ChatMessage(role: "user", content: example.user))
            messages.append(ChatMessage(role: "assistant", content: example.assistant))
        }
        messages.append(ChatMessage(role: "user", content: try Self.render(userPart, fields, caseID: caseID)))
        return messages
    }

    /// Renders the messages for a test case, naming its id in errors.
    ///
    /// - Parameter testCase: The case to render.
    /// - Returns: The rendered messages.
    /// - Throws: ``TemplateError`` as ``render(_:caseID:)`` does.
    public func render(_ testCase: TestCase) throws(TemplateError) -> [ChatMessage] {
        try render(testCase.fields, caseID: testCase.id)
    }

    /// Renders only the user message.
    ///
    /// - Parameters:
    ///   - fields: The case's fields.
    ///   - caseID: The case's id, named in error messages.
    /// - Returns: The user message text.
    /// - Throws: ``TemplateError`` as ``render(_:caseID:)`` does.
    public func renderText(_ fields: JSONObject, caseID: String? = nil) throws(TemplateError) -> String {
        try Self.render(userPart, fields, caseID: caseID)
    }

    private static func canonical(_ text: String) -> String {
        var result = text.replacing("\r\n", with: "\n")
        if result.hasSuffix("\n") { result.removeLast() }
        return result
    }

    private static func compile(_ text: String, name: String) throws(TemplateError) -> Part {
        do {
            var compiler = TemplateCompiler(text: text)
            let program = try compiler.compile()
            try StencilRenderer(program: program).validate()
            return Part(name: name, text: text, program: program)
        } catch {
            throw diagnostic(error, in: Array(text.utf8), text: text, name: name, caseID: nil)
        }
    }

    private static func render(_ part: Part, _ fields: JSONObject, caseID: String?) throws(TemplateError) -> String {
        do {
            return try StencilRenderer(program: part.program).render(fields: fields)
        } catch {
            throw diagnostic(error, in: part.program.source, text: part.text, name: part.name, caseID: caseID)
        }
    }

    private static func diagnostic(
        _ failure: TemplateFailure, in bytes: [UInt8], text: String, name: String, caseID: String?
    ) -> TemplateError {
        var message = failure.message
        let inCase = caseID.map { " in case \"\($0)\"" } ?? ""
        if failure.code == .undefinedVariable, let variable = failure.variable {
            message = "undefined variable '\(variable)'\(inCase): \(failure.message)"
        } else if failure.code == .invalidValue {
            message += inCase
        }
        guard let range = failure.range else {
            return TemplateError(failure.code, message: message, templateName: name, variable: failure.variable,
                                 caseID: caseID, hint: failure.hint)
        }
        let start = SourcePosition(offset: range.lowerBound, in: bytes)
        let end = SourcePosition(offset: range.upperBound, in: bytes)
        let lineText = SourcePosition.lineText(start.line, of: text)
        let width = end.line == start.line ? end.column - start.column
            : lineText.unicodeScalars.count - start.column + 1
        return TemplateError(
            failure.code, message: message, templateName: name, line: start.line, column: start.column,
            variable: failure.variable, caseID: caseID, hint: failure.hint, sourceLine: lineText, caretWidth: width
        )
    }
}

/// A worked example in a prompt: what the user said and the answer wanted, sent as two turns.
public struct FewShotExample: Sendable, Hashable {
    /// The user's message.
    public var user: String
    /// The assistant's answer.
    public var assistant: String

    /// Creates an example.
    ///
    /// - Parameters:
    ///   - user: The user's message.
    ///   - assistant: The answer wanted.
    public init(user: String, assistant: String) {
        self.user = user
        self.assistant = assistant
    }
}
