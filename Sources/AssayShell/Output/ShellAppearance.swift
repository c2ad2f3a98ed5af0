/// The shell's banner and prompts, with or without colour.
struct ShellAppearance {
    /// Whether ANSI colours are used.
    let usesColor: Bool

    /// The prompt for a new cell.
    var primaryPrompt: String { prompt("assay>", color: "1;32") }
    /// The prompt while a cell needs more lines.
    var continuationPrompt: String { prompt("...>", color: "2") }

    /// The start-up banner: name, version and where help is.
    func banner(programName: String, version: String) -> String {
        let title = usesColor ? "\u{1B}[1m\(programName) \(version)\u{1B}[0m" : "\(programName) \(version)"
        return "\(title)\nType :help for commands and builtins, Ctrl-D to exit.\n"
    }

    /// A prompt followed by one space. libedit shows text between two `\u{1}` characters as is and
    /// gives it the width of the one character that follows, so each escape sequence is wrapped
    /// with the next visible character: the first letter, then the space.
    private func prompt(_ text: String, color: String) -> String {
        guard usesColor, let first = text.first else { return text + " " }
        return "\u{1}\u{1B}[\(color)m\u{1}\(first)\(text.dropFirst())\u{1}\u{1B}[0m\u{1} "
    }
}
