import Glibc

/// Answers a running cell's request for a line of input (`ExecutionRequest.readInput`).
enum TerminalInput {
    /// Shows `prompt` and reads one line from standard input, without echo for passwords; nil at
    /// the end of input.
    static let readLine: @Sendable (_ prompt: String, _ password: Bool) -> String? = { prompt, password in
        TerminalOutput.write(prompt)
        guard password, isatty(STDIN_FILENO) == 1 else {
            return Swift.readLine()
        }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            TerminalOutput.write("\n")
        }
        return Swift.readLine()
    }
}
