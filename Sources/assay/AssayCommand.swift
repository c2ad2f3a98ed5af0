import ArgumentParser
import AssayCore
import AssayShell
import Foundation

/// The version `--version` prints.
let assayVersion = "0.1.0"

/// `assay [FILE | -c CODE | -] [--keep-going] [--batch | --interactive] [--no-init]`, or a subcommand.
struct AssayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "A workbench for evaluating LLM prompts and models.",
        discussion: """
            Without a subcommand, assay runs a script file, -c code, or standard input; on a terminal it \
            starts the interactive shell:
              assay [FILE | -c CODE | -] [--keep-going] [--batch | -i] [--no-init]
            (assay help script says more).

            Examples:
              assay                                   the interactive shell
              assay eval.assay                        run a script
              assay -c 'load("cases.jsonl")/0'        run code given on the command line
              assay run cases.yaml --template prompt.txt --model perfect
              assay rerun latest model=flakey temperature=0.7
              assay help rerun                        one subcommand's help

            Start-up: the project's assay.init (in the nearest folder up holding assay.init, models.json \
            or .assay/) runs first, in the same session. An error in it is reported at assay.init:LINE:COL; \
            a script or -c then exits 1 without running. The subcommands about stored runs skip it; run \
            and pipelines read it for the project's pipelines.

            RUN (for rerun, resume, runs, summarize, compare, export, report) is a run id or a unique prefix of \
            it, latest, or -1, -2 … counting back from the latest.

            Exit codes: 0 success; 1 an error in the input (syntax or runtime, also with --keep-going); \
            64 a usage error on the command line; 130 interrupted with Ctrl-C.
            """,
        version: "assay \(assayVersion)",
        subcommands: [
            RunCommand.self, RerunCommand.self, ResumeCommand.self, CompareCommand.self, PipelinesCommand.self,
            HistoryCommand.self, RunsCommand.self, SummarizeCommand.self, ExportCommand.self, ReportCommand.self, ModelsCommand.self,
            WorkerCommand.self, WorkersCommand.self, AddIDsCommand.self, KernelSubcommand.self, MockServerSubcommand.self, ScriptCommand.self,
        ],
        defaultSubcommand: ScriptCommand.self
    )

}

/// `assay [script] [FILE | -c CODE | -] [--keep-going] [--batch | --interactive] [--no-init]`: the
/// default subcommand.
struct ScriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "script", abstract: "Runs a script file, -c code or standard input; on a terminal, the interactive shell.",
        discussion: """
            This is what assay does without a subcommand.

            Examples:
              assay eval.assay
              assay -c 'load("cases.jsonl")/0'
              assay --keep-going < checks.assay
              assay --no-init
            """)

    @Argument(help: ArgumentHelp("A script to run; - for standard input.", valueName: "file"), completion: .file(extensions: ["assay"]))
    var file: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("Code to run.", valueName: "code"))
    var code: String?

    @Flag(help: "Carry on after an error (still exits 1).")
    var keepGoing = false

    @Flag(help: "Treat standard input as a script, even on a terminal.")
    var batch = false

    @Flag(name: [.long, .customShort("i")], help: "Treat standard input as a terminal: the interactive shell.")
    var interactive = false

    @Flag(help: "Do not run the project's assay.init.")
    var noInit = false

    @OptionGroup var store: StoreOption

    func validate() throws {
        if code != nil, file != nil { throw ValidationError("give either a file or -c CODE, not both") }
        if batch, interactive { throw ValidationError("give either --batch or --interactive, not both") }
        if let file, file != "-", !FileManager.default.fileExists(atPath: file) {
            let names = AssayCommand.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
            if let suggestion = Suggestion.didYouMean(file, among: names) {
                throw ValidationError("'\(file)' is neither a subcommand nor a file: \(suggestion)")
            }
            throw ValidationError("\(file) does not exist")
        }
    }

    func run() throws {
        var invocation = SessionInvocation()
        if let code { invocation.input = .command(code) } else if let file, file != "-" { invocation.input = .file(file) }
        invocation.keepsGoing = keepGoing
        invocation.forcesInteractive = batch ? false : (interactive ? true : nil)
        invocation.skipsInit = noInit
        try Exit.with(invocation.run())
    }
}

/// Exit codes: ArgumentParser exits 64 for usage errors on its own.
enum Exit {
    /// Ends the command with a status: nothing for 0, else the code.
    static func with(_ status: Int32) throws {
        if status != 0 { throw ExitCode(status) }
    }

    /// Writes a usage error as the argument parser writes one for `command`; returns exit code 64.
    static func usage(_ message: String, of command: any ParsableCommand.Type) -> ExitCode {
        let name = command.configuration.commandName ?? ""
        StandardStreams.write("assay: error: \(message)\nUsage: \(AssayCommand.usageString(for: command))\n"
                              + "  See 'assay \(name) --help' for more information.\n", to: .stderr)
        return ExitCode.validationFailure
    }

    /// Writes `assay: error: …` (and a hint) to standard error; returns exit code 1.
    static func inputError(_ message: String, hint: String? = nil) -> Int32 {
        StandardStreams.write("assay: error: \(message)\n" + (hint.map { "hint: \($0)\n" } ?? ""), to: .stderr)
        return ScriptRunner.ExitCode.inputError.rawValue
    }
}
