import AssayLanguage

/// Whether a piece of input is ready to run, needs more lines, or cannot be fixed by typing more:
/// what the shell asks before running a line and the kernel answers to `is_complete_request`.
public enum CodeCompleteness: Sendable, Hashable {
    /// The input can run.
    case complete
    /// More input is needed; `indent` is a suggested indentation for the next line.
    case incomplete(indent: String)
    /// The input has an error that more typing cannot fix.
    case invalid

    /// Classifies code as the language reads it.
    init(of code: String) {
        self = switch Completeness.of(code) {
        case .complete: .complete
        case .incomplete(let indent): .incomplete(indent: indent)
        case .invalid: .invalid
        }
    }
}
