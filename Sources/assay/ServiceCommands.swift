import ArgumentParser
import AssayKernel
import AssayMockServer
import AssaySession
import AssayShell

/// `assay kernel (--stdio | -f FILE) [--no-init]`, `assay kernel install …`.
struct KernelSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel", abstract: "A Jupyter kernel: on a connection file's ZeroMQ sockets, or JSON lines on stdin and stdout.",
        discussion: "Examples:\n  assay kernel install --user\n  assay kernel -f kernel-1234.json\n  assay kernel --stdio --no-init",
        subcommands: [KernelInstallCommand.self])

    @Flag(help: "Speak JSON lines on standard input and output.")
    var stdio = false

    @Option(name: [.customShort("f"), .customLong("connection-file")], help: ArgumentHelp("The connection file Jupyter wrote.", valueName: "file"),
            completion: .file(extensions: ["json"]))
    var connectionFile: String?

    @Flag(help: "Do not run the project's assay.init.")
    var noInit = false

    func run() throws {
        // Checked here, not in validate(): the parent's validate() runs for `kernel install` too.
        switch (stdio, connectionFile) {
        case (false, nil): throw Exit.usage("assay kernel needs --stdio, -f CONNECTION_FILE, or install", of: Self.self)
        case (true, _?): throw Exit.usage("give either --stdio or -f CONNECTION_FILE, not both", of: Self.self)
        default: break
        }
        if let connectionFile {
            try Exit.with(KernelCommand.runConnectionFile(connectionFile, session: Session(options: KernelCommand.sessionOptions()), version: assayVersion, runsInitScript: !noInit))
        } else {
            try Exit.with(KernelCommand.runStdio(session: Session(options: KernelCommand.sessionOptions()), version: assayVersion, runsInitScript: !noInit))
        }
    }
}

/// `assay kernel install [--user | --sys-prefix | --prefix P]`.
struct KernelInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install", abstract: "Installs the Assay kernelspec (for the user by default).",
        discussion: "Examples:\n  assay kernel install\n  assay kernel install --sys-prefix\n  assay kernel install --prefix /opt/jupyter")

    @Flag(help: "In the user's Jupyter data folder (the default).")
    var user = false

    @Flag(help: "In the active Python environment.")
    var sysPrefix = false

    @Option(help: ArgumentHelp("In PREFIX/share/jupyter.", valueName: "prefix"), completion: .directory)
    var prefix: String?

    func validate() throws {
        if [user, sysPrefix, prefix != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give one of --user, --sys-prefix and --prefix")
        }
    }

    func run() throws {
        let destination: KernelspecDestination = sysPrefix ? .sysPrefix : prefix.map { .prefix($0) } ?? .user
        do {
            let folder = try KernelCommand.install(destination)
            StandardStreams.write("installed the Assay kernelspec in \(folder)\n", to: .stdout)
        } catch {
            throw ExitCode(Exit.inputError("\(error)"))
        }
    }
}

/// `assay mock-server …`: the server reads its own options (`assay mock-server --help` lists them).
struct MockServerSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock-server", abstract: "An OpenAI-compatible server on 127.0.0.1 for offline tests.",
        discussion: "Examples:\n  assay mock-server --port 8089\n  assay mock-server --port 8089 --latency-ms 50 --policy oracle:cases.jsonl",
        helpNames: [])

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The server's options; --help lists them.", valueName: "option"))
    var options: [String] = []

    func run() throws {
        try Exit.with(MockServerCommand.run(arguments: options))
    }
}
