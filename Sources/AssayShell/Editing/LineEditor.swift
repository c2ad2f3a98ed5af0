import AssaySession
import CEditLine
import Glibc

/// A libedit line editor: emacs keys, history, Tab completion, Ctrl-R search and Ctrl-C.
///
/// libedit reaches this object from its C callbacks through `EL_CLIENTDATA`; the callbacks (in
/// `LineEditor+Callbacks.swift`) capture nothing. One editor is used from one thread.
final class LineEditor {
    /// What one call to ``readLine(prompt:initialText:)`` produced.
    enum ReadResult: Equatable {
        /// A line the user entered, without its final newline (it may hold newlines when an earlier
        /// multi-line cell was recalled).
        case line(String)
        /// Ctrl-C: the line was abandoned.
        case abandoned
        /// Ctrl-D on an empty line, or the end of input.
        case endOfInput
    }

    /// Text entered before the current line that belongs to the same cell; completion sees it.
    var pendingText = ""
    /// Completions for code at a cursor counted in Unicode scalars.
    let completer: (_ code: String, _ cursor: Int) -> CompletionResult

    let editLine: OpaquePointer
    let history: CommandHistory
    let signals: TerminalSignals.Installation?
    private var promptText: UnsafeMutablePointer<CChar>
    /// Set by the Ctrl-C function once the cursor has reached the end of the line.
    var isAbandoning = false
    var wasAbandoned = false
    /// The conversion state for multibyte input read one byte at a time.
    var decoder = mbstate_t()

    /// Creates an editor on standard input and output.
    ///
    /// - Parameters:
    ///   - programName: The name `~/.editrc` sections refer to.
    ///   - history: The history Up, Down and Ctrl-R search.
    ///   - signals: The signal relay whose pipe wakes the editor on Ctrl-C, resize and resume.
    ///   - readsConfiguration: Whether to read `$EDITRC` or `~/.editrc` after the built-in bindings.
    ///   - completer: Completions for Tab.
    init(
        programName: String,
        history: CommandHistory,
        signals: TerminalSignals.Installation?,
        readsConfiguration: Bool,
        completer: @escaping (_ code: String, _ cursor: Int) -> CompletionResult
    ) {
        guard let editLine = el_init(programName, assay_stdin(), assay_stdout(), assay_stderr()) else {
            fatalError("libedit could not start")
        }
        self.editLine = editLine
        self.history = history
        self.signals = signals
        self.completer = completer
        self.promptText = strdup("")
        configure(readsConfiguration: readsConfiguration)
    }

    deinit {
        el_end(editLine)
        free(promptText)
    }

    /// Reads one line, showing `prompt` (which may hold `\u{1}`-wrapped escapes) and starting the
    /// line with `initialText`.
    func readLine(prompt: String, initialText: String = "") -> ReadResult {
        free(promptText)
        promptText = strdup(prompt)
        isAbandoning = false
        wasAbandoned = false
        decoder = mbstate_t()
        // A Ctrl-C pressed while the previous cell ran has done its work; only a resize still matters.
        if let notices = signals?.drain(), notices.contains(.resize) {
            el_resize(editLine)
        }
        if !initialText.isEmpty {
            el_push(editLine, initialText)
        }
        var count: Int32 = 0
        let line = el_gets(editLine, &count)
        if wasAbandoned {
            writeToTerminal("^C\n")
            return .abandoned
        }
        guard let line, count > 0 else {
            return .endOfInput
        }
        var text = String(cString: line)
        if text.hasSuffix("\n") {
            text.removeLast()
        }
        return .line(text)
    }

    /// Writes text to standard output straight away.
    func writeToTerminal(_ text: String) {
        fputs(text, assay_stdout())
        fflush(assay_stdout())
    }

    /// Sets the mode, prompt, history, input reader, functions and key bindings.
    private func configure(readsConfiguration: Bool) {
        _ = assay_el_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = assay_el_set_editor(editLine, "emacs")
        // libedit's own signal handling re-sends SIGINT to the whole process group; the shell relays
        // signals itself (TerminalSignals).
        _ = assay_el_set_signal_handling(editLine, 0)
        // Text between two \u{1} characters is sent to the terminal without taking up columns.
        _ = assay_el_set_prompt(editLine, editorPrompt, 1)
        _ = assay_el_set_history(editLine, history.list)
        _ = assay_el_set_read_function(editLine, editorReadCharacter)
        _ = assay_el_add_function(editLine, "assay-complete", "Complete the word at the cursor", editorComplete)
        _ = assay_el_add_function(editLine, "assay-abandon", "Abandon the line", editorAbandon)
        for (keys, command) in LineEditor.bindings {
            _ = assay_el_bind(editLine, keys, command)
        }
        if readsConfiguration {
            // Reads $EDITRC, else ~/.editrc; a missing file is not an error.
            _ = el_source(editLine, nil)
        }
    }

    /// Key bindings on top of libedit's emacs map. Terminals send different sequences for Home,
    /// End and Delete (and libedit binds none of them by default), so each common one is listed.
    static let bindings: [(keys: String, command: String)] = [
        ("^I", "assay-complete"),
        ("^C", "assay-abandon"),
        ("^R", "em-inc-search-prev"),
        ("\\e[H", "ed-move-to-beg"), ("\\eOH", "ed-move-to-beg"),
        ("\\e[1~", "ed-move-to-beg"), ("\\e[7~", "ed-move-to-beg"),
        ("\\e[F", "ed-move-to-end"), ("\\eOF", "ed-move-to-end"),
        ("\\e[4~", "ed-move-to-end"), ("\\e[8~", "ed-move-to-end"),
        ("\\e[3~", "ed-delete-next-char"),
        ("\\e[1;5D", "ed-prev-word"), ("\\e[1;5C", "em-next-word"),
    ]

    /// The prompt string libedit shows.
    var prompt: UnsafeMutablePointer<CChar> { promptText }
}
