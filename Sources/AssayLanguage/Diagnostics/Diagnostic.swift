import AssayCore

/// A problem found in source text, with where it is and what to do about it.
///
/// Diagnostics are values: the lexer, parser and interpreter return them and the front ends render
/// them (the shell with colour, scripts as plain text, the kernel as an `error` reply).
public struct Diagnostic: Error, Sendable, Hashable {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
        case note
    }

    /// A stable identifier of the kind of problem, e.g. `syntax.unclosed-bracket` or `path.missing-key`.
    public var id: String
    /// Error, warning or note.
    public var severity: Severity
    /// One sentence saying what went wrong.
    public var message: String
    /// Where it went wrong.
    public var range: SourceRange
    /// The file the range points into.
    public var source: SourceFile
    /// What to do about it, when something can be said (a did-you-mean, the keys that exist).
    public var hint: String?

    /// Creates a diagnostic.
    public init(
        id: String,
        severity: Severity = .error,
        message: String,
        range: SourceRange,
        source: SourceFile,
        hint: String? = nil
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.range = range
        self.source = source
        self.hint = hint
    }

    /// The 1-based line and column where the diagnostic starts.
    public var location: SourcePosition { source.location(of: range.start) }

    /// A short name for the kind of error, used as `ename` in notebooks (e.g. `SyntaxError`).
    public var kindName: String {
        let family = id.split(separator: ".").first.map(String.init) ?? id
        switch family {
        case "syntax": return "SyntaxError"
        case "name": return "NameError"
        case "path": return "PathError"
        case "type": return "TypeError"
        case "argument": return "ArgumentError"
        case "value": return "ValueError"
        case "io": return "IOError"
        case "interrupt": return "Interrupted"
        default: return "Error"
        }
    }
}
