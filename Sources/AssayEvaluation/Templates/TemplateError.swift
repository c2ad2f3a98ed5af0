/// A template that cannot be compiled or rendered, with the position of the problem.
///
/// Its ``description`` reads like a compiler diagnostic: `NAME:LINE:COL: error: MESSAGE`, then
/// the template line with a caret under the problem, then `hint: …` when there is one. `NAME` is
/// the file path for templates read from a file, otherwise `template` (or `system` / `user` for
/// the parts of a chat template).
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, for code that reacts to some kinds differently.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case syntax, undefinedVariable, invalidValue, unreadableFile
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The template text breaks the template syntax (found when the template is created).
        public static let syntax = Code(.syntax)
        /// A variable the template uses is missing from the case being rendered.
        public static let undefinedVariable = Code(.undefinedVariable)
        /// A value has the wrong kind for what the template does with it (looping over a number).
        public static let invalidValue = Code(.invalidValue)
        /// The template file could not be read.
        public static let unreadableFile = Code(.unreadableFile)

        /// The code's name, e.g. `undefinedVariable`.
        public var description: String {
            base.rawValue
        }
    }

    /// The kind of problem.
    public let code: Code
    /// What is wrong.
    public let message: String
    /// The template's name in messages: its file path, `template`, `system` or `user`.
    public let templateName: String
    /// The 1-based line of the problem in the template, when it has one.
    public let line: Int?
    /// The 1-based column of the problem, in Unicode scalars, when it has one.
    public let column: Int?
    /// The variable that was missing, as written in the template (e.g. `meta.nope`).
    public let variable: String?
    /// The id of the case being rendered, when one was given.
    public let caseID: String?
    /// What to do about it, when there is something useful to say.
    public let hint: String?
    /// The template file the problem is in, when the template was read from one: nil for the
    /// names of parts (`template`, `system`, `user`).
    public var fileName: String? {
        ["template", "system", "user"].contains(templateName) ? nil : templateName
    }
    /// The text of the template line with the problem.
    public let sourceLine: String?
    let caretWidth: Int

    init(
        _ code: Code, message: String, templateName: String, line: Int? = nil, column: Int? = nil,
        variable: String? = nil, caseID: String? = nil, hint: String? = nil, sourceLine: String? = nil,
        caretWidth: Int = 1
    ) {
        self.code = code
        self.message = message
        self.templateName = templateName
        self.line = line
        self.column = column
        self.variable = variable
        self.caseID = caseID
        self.hint = hint
        self.sourceLine = sourceLine
        self.caretWidth = max(1, caretWidth)
    }

    /// The diagnostic, with the source line and a caret under the problem.
    public var description: String {
        var location = templateName
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        var text = "\(location): error: \(message)"
        if let sourceLine, let column {
            text += "\n    \(sourceLine)\n    "
            text += String(repeating: " ", count: column - 1) + "^" + String(repeating: "~", count: caretWidth - 1)
        }
        if let hint { text += "\nhint: \(hint)" }
        return text
    }
}

/// A problem found inside the template machinery, positioned by byte range in the template.
struct TemplateFailure: Error, Sendable {
    var code: TemplateError.Code
    var message: String
    var range: Range<Int>?
    var variable: String?
    var hint: String?

    static func syntax(_ message: String, at range: Range<Int>, hint: String? = nil) -> TemplateFailure {
        TemplateFailure(code: .syntax, message: message, range: range, hint: hint)
    }
}
