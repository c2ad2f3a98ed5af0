import ArgumentParser
import AssayCore
import AssaySession

/// `assay history [N]`.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "The latest stored runs, newest first.",
        discussion: "Examples:\n  assay history\n  assay history 5")

    @Argument(help: ArgumentHelp("How many runs to list (20 by default).", valueName: "n"))
    var count: String?

    @OptionGroup var store: StoreOption

    /// The number of runs asked for (`-1` is read as a number here, to say it is not one).
    func limit() throws -> Int? {
        guard let text = count.map(RunSelector.text) else { return nil }
        guard let number = Int(text) else { throw ValidationError("history takes a number of runs, not '\(text)'") }
        guard number >= 1 else { throw ValidationError("history lists at least 1 run, not \(number)") }
        return number
    }

    func validate() throws {
        _ = try limit()
    }

    func run() throws {
        try Exit.with(SessionCall().show("history", try limit().map { [.json(.int($0))] } ?? []))
    }
}

/// `assay runs RUN`.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "One stored run: its summary.",
        discussion: "Examples:\n  assay runs latest\n  assay runs ab12cd34\n  assay runs -2")

    @OptionGroup var stored: StoredRunArgument

    func run() throws {
        try Exit.with(SessionCall().show("runs", [stored.argument]))
    }
}

/// `assay summarize RUN [--by FIELD]`.
struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize", abstract: "Each metric's mean, 95% interval and n, optionally by tag or case field.",
        discussion: "Examples:\n  assay summarize latest\n  assay summarize latest --by tags\n  assay summarize ab12cd34 --by keywords")

    @OptionGroup var stored: StoredRunArgument

    @Option(help: ArgumentHelp("Break the statistics down by tags or a case field path.", valueName: "field"))
    var by: String?

    func run() throws {
        try Exit.with(SessionCall().show("summarize", [stored.argument], keywords: by.map { [("by", .json(.string($0)))] } ?? []))
    }
}

/// `assay compare RUN RUN [--metric PATH]`.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Two runs paired by case: per metric both means, the delta, its 95% interval and p.",
        discussion: "Runs with samples are paired by case too: each case's samples are reduced by its run's reducer first, so n counts cases.\n\n"
            + "Examples:\n  assay compare -2 -1\n  assay compare ab12cd34 latest --metric rouge/rougeL/f1")

    @Argument(help: ArgumentHelp("The run compared against.", valueName: "a"))
    var first: String

    @Argument(help: ArgumentHelp("The run compared with it.", valueName: "b"))
    var second: String

    @Option(help: ArgumentHelp("The metric path whose regressed and improved cases are listed.", valueName: "path"))
    var metric: String?

    @OptionGroup var store: StoreOption

    func run() throws {
        let keywords: [(String, CallArgument)] = metric.map { [("metric", .json(.string($0)))] } ?? []
        try Exit.with(SessionCall().show("compare", [.json(.string(RunSelector.text(first))), .json(.string(RunSelector.text(second)))], keywords: keywords))
    }
}

/// `assay models`.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "The configured and built-in models (never a key).",
        discussion: "Models come from the project's models.json, then $XDG_CONFIG_HOME/assay/models.json; see the README's Configuration.\n\nExample:\n  assay models")

    func run() throws {
        try Exit.with(SessionCall().show("models"))
    }
}

/// `assay pipelines`.
struct PipelinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipelines", abstract: "The pipelines the project's assay.init defines.",
        discussion: "Example:\n  assay pipelines")

    func run() throws {
        let call = SessionCall()
        if let failed = call.runInitScript() { throw ExitCode(failed) }
        try Exit.with(call.show("pipelines"))
    }
}
