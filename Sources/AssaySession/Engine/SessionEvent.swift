import AssayCore
import AssayLanguage

/// Which output stream a piece of text belongs to.
public enum OutputStreamName: String, Sendable, Hashable {
    case stdout
    case stderr
}

/// What a running cell reports to its front end, in order.
public enum SessionEvent: Sendable, Hashable {
    /// Text for standard output or standard error (from `print`, warnings).
    case stream(OutputStreamName, String)
    /// A rich display; with a display id it can be updated later (progress bars).
    case display(MIMEBundle, displayID: String?)
    /// A new state of an earlier display.
    case updateDisplay(MIMEBundle, displayID: String)
    /// Clear the cell's output (when `wait` is true, once new output arrives).
    case clearOutput(wait: Bool)
    /// Long help text for a pager (`help(x)`); front ends without a pager print it.
    case page(MIMEBundle)
    /// The value of an expression statement.
    case result(MIMEBundle)
    /// The cell failed.
    case error(ErrorReport)
}

/// A failed cell, ready for every front end: a kind, a message and the rendered diagnostic.
public struct ErrorReport: Error, Sendable, Hashable {
    /// A short kind, e.g. `PathError` (Jupyter's `ename`).
    public var name: String
    /// One line (Jupyter's `evalue`).
    public var message: String
    /// The diagnostic rendered without colour: `file:line:col: error: …`, source line, caret, hint.
    public var lines: [String]
    /// The same with ANSI colours, for terminals and notebooks.
    public var coloredLines: [String]
    /// Where the error starts in the source text that ``lines`` quote, when it came from one.
    public var position: SourcePosition?

    /// Creates a report.
    public init(name: String, message: String, lines: [String], coloredLines: [String]? = nil, position: SourcePosition? = nil) {
        self.name = name
        self.message = message
        self.lines = lines
        self.coloredLines = coloredLines ?? lines
        self.position = position
    }

    /// A report for a diagnostic.
    init(_ diagnostic: Diagnostic) {
        self.name = diagnostic.kindName
        self.message = diagnostic.message
        self.lines = DiagnosticRenderer(usesColor: false).lines(for: diagnostic)
        self.coloredLines = DiagnosticRenderer(usesColor: true).lines(for: diagnostic)
        self.position = diagnostic.location
    }

    /// The report of an interrupted cell.
    public static let interrupted = ErrorReport(name: "Interrupted", message: "interrupted", lines: ["interrupted"])
}

/// How a cell ended.
public enum ExecutionOutcome: Sendable, Hashable {
    case success
    case failure(ErrorReport)
    case interrupted
    /// `:quit` was entered; the front end should end.
    case quitRequested

    /// Whether the cell ran to the end.
    public var isSuccess: Bool { self == .success || self == .quitRequested }
}

/// Which expression statements of a cell show their value.
public enum EchoMode: Sendable, Hashable {
    /// Every top-level expression statement (the shell and scripts).
    case everyExpression
    /// Only the last statement, when it is an expression (notebooks).
    case lastExpression
    /// None: only what the code prints shows (the project's `assay.init` at start-up).
    case nothing
}

/// One cell to run and how.
public struct ExecutionRequest: Sendable {
    /// The code.
    public var code: String
    /// The name diagnostics give the code: a file path, `<command>`, `<stdin>` or `<cell>`.
    public var origin: String
    /// Which results are shown.
    public var echo: EchoMode
    /// Asks the front end for a line of input (the kernel's `input_request`); nil when the front end
    /// cannot, which makes `input()` an error instead of a hang.
    public var readInput: (@Sendable (_ prompt: String, _ password: Bool) -> String?)?
    /// Whether to carry on with the next statement after one fails (`--keep-going`).
    public var keepsGoing: Bool

    /// Creates a request.
    public init(
        code: String, origin: String = "<cell>", echo: EchoMode = .lastExpression,
        keepsGoing: Bool = false,
        readInput: (@Sendable (_ prompt: String, _ password: Bool) -> String?)? = nil
    ) {
        self.code = code
        self.origin = origin
        self.echo = echo
        self.keepsGoing = keepsGoing
        self.readInput = readInput
    }
}

/// Completions for the text at a cursor: the matches replace the text between `start` and `end`.
public struct CompletionResult: Sendable, Hashable {
    /// Candidate texts.
    public var matches: [String]
    /// Where the replaced text starts, in Unicode scalars from the start of the code.
    public var start: Int
    /// Where it ends, in Unicode scalars.
    public var end: Int

    /// Creates a completion result.
    public init(matches: [String], start: Int, end: Int) {
        self.matches = matches
        self.start = start
        self.end = end
    }
}
