import AssaySession
import Glibc

/// The interactive shell: a banner, an `assay> ` prompt with libedit line editing, persistent
/// history, Tab completion and Ctrl-C handling, running each cell on a ``Session``.
///
/// Run it only when standard input is a terminal; scripts and pipes go through the session
/// directly.
///
/// ```swift
/// let shell = InteractiveShell(session: Session(), options: ShellOptions(version: "1.0.0"))
/// exit(shell.run())
/// ```
public struct InteractiveShell {
    private let session: Session
    private let options: ShellOptions

    /// Creates a shell over a session.
    ///
    /// - Parameters:
    ///   - session: The session that runs cells and answers completions.
    ///   - options: The banner, history file, colour and `.editrc` settings.
    public init(session: Session, options: ShellOptions) {
        self.session = session
        self.options = options
    }

    /// Reads and runs cells until Ctrl-D on an empty line or `:quit`.
    ///
    /// - Returns: The process exit status: 0 (errors in cells are shown, not fatal).
    public func run() -> Int32 {
        InteractiveShell.useUTF8Locale()
        let appearance = ShellAppearance(usesColor: options.usesColor)
        TerminalOutput.write(appearance.banner(programName: options.programName, version: options.version))
        let signals = TerminalSignals.install(interrupting: session)
        defer { signals?.uninstall() }
        if options.runsInitScript { runInitScript() }
        let history = CommandHistory(path: options.historyPath)
        let session = self.session
        let editor = LineEditor(
            programName: options.programName, history: history, signals: signals,
            readsConfiguration: options.readsEditorConfiguration
        ) { code, cursor in
            session.completeBlocking(code, cursor: cursor)
        }

        // The lines of a cell that is still incomplete, and the indentation its next line starts with.
        var pending: String?
        var indent = ""
        while true {
            editor.pendingText = pending ?? ""
            let prompt = pending == nil ? appearance.primaryPrompt : appearance.continuationPrompt
            let result = editor.readLine(prompt: prompt, initialText: indent)
            indent = ""
            switch result {
            case .endOfInput:
                // Ctrl-D leaves the cursor after the prompt; the parent shell's prompt needs a new line.
                if isatty(STDIN_FILENO) == 1 { editor.writeToTerminal("\n") }
                return 0
            case .abandoned:
                pending = nil
            case .line(let line):
                if pending == nil, line.allSatisfy(\.isWhitespace) { continue }
                let cell = pending.map { $0 + "\n" + line } ?? line
                if case .incomplete(let suggested) = session.isComplete(cell) {
                    pending = cell
                    indent = suggested
                    continue
                }
                pending = nil
                history.add(cell)
                history.save()
                if execute(cell) == .quitRequested {
                    return 0
                }
            }
        }
    }

    /// Runs the project's `assay.init`, showing what it prints and its error; the shell carries on
    /// after an error, with whatever the script defined before it.
    private func runInitScript() {
        let printer = EventPrinter.forTerminal(usesColor: options.usesColor)
        let outcome = session.runInitScript { printer.show($0) }
        if outcome == .interrupted, !printer.hasShownError {
            printer.show(.error(.interrupted))
        }
        printer.finish()
    }

    /// Runs one cell, showing its events as they arrive.
    private func execute(_ cell: String) -> ExecutionOutcome {
        let printer = EventPrinter.forTerminal(usesColor: options.usesColor)
        let request = ExecutionRequest(
            code: cell, origin: "<stdin>", echo: .everyExpression, readInput: TerminalInput.readLine)
        let outcome = session.executeBlocking(request) { event in
            printer.show(event)
        }
        if outcome == .interrupted, !printer.hasShownError {
            printer.show(.error(.interrupted))
        }
        printer.finish()
        return outcome
    }

    /// libedit reads non-ASCII input only in a multibyte locale; Swift strings are UTF-8, so the
    /// shell asks for the user's locale and falls back to C.UTF-8 when that is not UTF-8.
    private static func useUTF8Locale() {
        setlocale(LC_CTYPE, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}
