import ArgumentParser
import AssaySession

/// Run selectors that count back from the latest run (`-1`, `-2`) look like short options to the
/// argument parser; they are marked before parsing and read back by the commands.
enum RunSelector {
    private static let marker = "run-offset:"
    /// The subcommands whose positional arguments are runs (and `history`, whose count is a number).
    private static let commands: Set = ["history", "rerun", "resume", "runs", "summarize", "compare", "export", "report"]
    /// Their options that take a value (a `-1` after them is that value, not a run).
    private static let valueOptions: Set = ["--by", "--max-cost", "--metric", "--format", "-f", "--output", "-o", "--mlflow", "--experiment"]

    /// The arguments with each `-N` that stands for a run marked.
    static func protectingOffsets(_ arguments: [String]) -> [String] {
        guard let first = arguments.first, commands.contains(first) else { return arguments }
        var protected = [first]
        for (previous, argument) in zip(arguments, arguments.dropFirst()) {
            let isOffset = argument.count > 1 && argument.hasPrefix("-") && argument.dropFirst().allSatisfy(\.isNumber)
            protected.append(isOffset && !valueOptions.contains(previous) ? marker + argument : argument)
        }
        return protected
    }

    /// A selector as the user wrote it.
    static func text(_ argument: String) -> String {
        argument.hasPrefix(marker) ? String(argument.dropFirst(marker.count)) : argument
    }
}

/// The argument parser's positional arguments (the language has an `Argument` of its own).
typealias Argument<T> = ArgumentParser.Argument<T>

/// The stored run a subcommand works on.
struct StoredRunArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The run: an id prefix, latest, -1, -2 …", valueName: "run"))
    var written: String

    @OptionGroup var store: StoreOption

    /// The selector as the user wrote it.
    var selector: String { RunSelector.text(written) }

    /// The selector as a builtin's argument.
    var argument: CallArgument { .json(.string(selector)) }
}
