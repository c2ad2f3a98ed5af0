import Foundation

/// How an interactive shell looks and where it keeps its history.
public struct ShellOptions: Sendable {
    /// The name shown in the banner and given to libedit for `~/.editrc` sections.
    public var programName: String
    /// The version shown in the banner.
    public var version: String
    /// The history file, or nil to keep history only in memory.
    public var historyPath: String?
    /// Whether prompts, the banner and diagnostics use ANSI colours.
    public var usesColor: Bool
    /// Whether libedit reads `$EDITRC` or `~/.editrc` at start-up.
    public var readsEditorConfiguration: Bool
    /// Whether the project's `assay.init` runs before the first prompt (`--no-init` turns it off).
    public var runsInitScript = true

    /// Creates options, deriving the history path and colour from the environment.
    ///
    /// - Parameters:
    ///   - programName: The name in the banner and for `.editrc`.
    ///   - version: The version in the banner.
    ///   - environment: The process environment; `ASSAY_HISTORY`, `XDG_STATE_HOME`, `HOME`,
    ///     `NO_COLOR` and `TERM` are read.
    ///   - readsEditorConfiguration: Whether `~/.editrc` is honoured.
    public init(
        programName: String = "assay",
        version: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        readsEditorConfiguration: Bool = true
    ) {
        self.programName = programName
        self.version = version
        self.historyPath = HistoryLocation.path(environment: environment)
        self.usesColor = ShellOptions.colorIsWanted(environment: environment) && isatty(STDOUT_FILENO) == 1
        self.readsEditorConfiguration = readsEditorConfiguration
    }

    /// Whether the environment allows colour: `NO_COLOR` unset or empty, and a terminal that is not `dumb`.
    static func colorIsWanted(environment: [String: String]) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }
}
