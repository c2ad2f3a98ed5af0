import AssayCore
import AssayLanguage

/// What the command line asks for.
enum Invocation: Equatable {
    /// Run a script file, `-c` code, or standard input; or the interactive shell.
    case session(SessionInvocation)
    /// `assay kernel …`: serve the Jupyter protocol, or install the kernelspec.
    case kernel(KernelInvocation)
    /// `assay mock-server …`: an OpenAI-compatible server on loopback (its arguments follow).
    case mockServer([String])
    /// `assay export RUN …`: a stored run's results from the engine.
    case export(ExportCommand)
    case help
    case version
    /// A usage error: the message to print before exiting 64.
    case usageError(String)
}

/// How to run the session front end.
struct SessionInvocation: Equatable {
    enum Input: Equatable {
        case file(String)
        case command(String)
        /// Standard input: a script when it is not a terminal, the shell when it is.
        case standardInput
    }

    var input: Input = .standardInput
    var keepsGoing = false
    /// `--interactive` / `--batch` override the terminal check.
    var forcesInteractive: Bool?
    var skipsInit = false
}

extension Invocation {
    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) -> Invocation {
        if arguments.first == "kernel" { return parseKernel(Array(arguments.dropFirst())) }
        if arguments.first == "--no-init", arguments.dropFirst().first == "kernel" {
            return parseKernel(Array(arguments.dropFirst(2)) + ["--no-init"])
        }
        if arguments.first == "mock-server" { return .mockServer(Array(arguments.dropFirst())) }
        if arguments.first == "export" {
            switch ExportCommand.parse(Array(arguments.dropFirst())) {
            case .success(let command): return .export(command)
            case .failure(let error): return .usageError(error.message)
            }
        }
        if let name = arguments.first, Subcommand.names.contains(name) {
            switch Subcommand.code(name, Array(arguments.dropFirst())) {
            case .success(let code):
                var invocation = SessionInvocation()
                invocation.input = .command(code)
                // The run subcommands read the store; they need nothing assay.init defines.
                invocation.skipsInit = true
                return .session(invocation)
            case .failure(let error):
                return .usageError(error.message)
            }
        }
        var invocation = SessionInvocation()
        var index = 0
        var sawInput = false
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-h", "--help": return .help
            case "--version": return .version
            case "--keep-going": invocation.keepsGoing = true
            case "--batch": invocation.forcesInteractive = false
            case "--interactive", "-i": invocation.forcesInteractive = true
            case "--no-init": invocation.skipsInit = true
            case "-c":
                guard index + 1 < arguments.count else { return .usageError("-c needs code to run, e.g. assay -c '1 + 1'") }
                guard !sawInput else { return .usageError("give either a file or -c CODE, not both") }
                invocation.input = .command(arguments[index + 1])
                sawInput = true
                index += 1
            case "-":
                guard !sawInput else { return .usageError("give only one input") }
                sawInput = true
            default:
                if argument.hasPrefix("-") {
                    let known = ["--help", "--version", "--keep-going", "--batch", "--interactive", "--no-init", "-c"]
                    let hint = Suggestion.didYouMean(argument, among: known).map { " (\($0))" } ?? ""
                    return .usageError("unknown option '\(argument)'\(hint)")
                }
                guard !sawInput else {
                    return .usageError("unexpected argument '\(argument)': give one script file")
                }
                invocation.input = .file(argument)
                sawInput = true
            }
            index += 1
        }
        return .session(invocation)
    }
}

let usageText = """
    Usage:
      assay                      the interactive shell (when standard input is a terminal)
      assay FILE.assay           run a script
      assay -c CODE              run code given on the command line
      assay < FILE               run code from standard input
      assay history [N]          the latest stored runs
      assay runs RUN             one run: its summary (RUN: an id prefix, latest, -1, -2 …)
      assay summarize RUN [--by FIELD]
                                 each metric's mean, 95% interval and n, optionally by tag or field
      assay rerun RUN key=value… run again with changes, e.g. model=flakey temperature=0.7
      assay resume RUN [--max-cost DOLLARS]
                                 finish an interrupted run, or one stopped at its budget
      assay export RUN [--format jsonl|csv|json] [--output PATH]
                                 the case results (to standard output by default)
      assay models               the configured and built-in models (never a key)
      assay add-ids SUITE        give every case of a suite file a stable id, in place
      assay mock-server --port P [--latency-ms N] [--policy echo|oracle:SUITE|fixed:a,b] …
                                 an OpenAI-compatible server on 127.0.0.1 for offline tests
                                 (assay mock-server --help lists the fault options)
      assay kernel --stdio [--no-init]
                                 a Jupyter kernel speaking JSON lines on stdin and stdout
      assay kernel -f FILE [--no-init]
                                 a Jupyter kernel on the ZeroMQ sockets of a connection file
      assay kernel install [--user | --sys-prefix | --prefix P]
                                 install the kernelspec (default --user)

    Options:
      --keep-going               carry on after an error (still exits 1)
      --batch | --interactive    treat standard input as a script, or as a terminal
      --no-init                  do not run the project's assay.init (see Start-up)
      --version                  print the version
      -h, --help                 print this help

    Start-up:
      The project's assay.init (in the nearest folder up holding assay.init, models.json or .assay/)
      runs first, in the same session, so its variables and pipelines are there from the start.
      Only what it prints shows: in the shell, on standard error for scripts, in the log for the
      kernel. An error in it is reported at assay.init:LINE:COL; a script or -c then exits 1 without
      running, while the shell and the kernel carry on. The run subcommands (history, runs …) skip it.

    Exit codes:
      0    success
      1    an error in the input (syntax or runtime), also with --keep-going
      64   a usage error on the command line
      130  interrupted with Ctrl-C
    """
