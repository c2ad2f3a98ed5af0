import AssayKernel

/// What `assay kernel …` asks for.
enum KernelInvocation: Equatable {
    /// `assay kernel --stdio [--no-init]`: JSON lines on standard input and output.
    case stdio(skipsInit: Bool)
    /// `assay kernel -f CONNECTION_FILE [--no-init]`: the ZeroMQ transport, as Jupyter starts a kernel.
    case connectionFile(String, skipsInit: Bool)
    /// `assay kernel install [--user | --sys-prefix | --prefix P]`.
    case install(KernelspecDestination)
}

extension Invocation {
    /// Parses the arguments after `kernel`.
    static func parseKernel(_ given: [String]) -> Invocation {
        let usage = "assay kernel needs --stdio, -f CONNECTION_FILE, or install [--user | --sys-prefix | --prefix P]"
        // --no-init may come anywhere when serving: `assay kernel --no-init --stdio`, `… -f FILE --no-init`.
        let skipsInit = given.contains("--no-init")
        let arguments = given.filter { $0 != "--no-init" }
        guard let first = arguments.first else { return .usageError(usage) }
        if skipsInit, first == "install" { return .usageError("--no-init applies to a running kernel, not to install") }
        switch first {
        case "-h", "--help":
            return .help
        case "--stdio":
            guard arguments.count == 1 else { return .usageError("unexpected argument '\(arguments[1])' after --stdio") }
            return .kernel(.stdio(skipsInit: skipsInit))
        case "-f", "--connection-file":
            guard arguments.count == 2 else { return .usageError("-f needs exactly one connection file") }
            return .kernel(.connectionFile(arguments[1], skipsInit: skipsInit))
        case "install":
            let rest = Array(arguments.dropFirst())
            switch rest.first {
            case nil, "--user":
                guard rest.count <= 1 else { return .usageError("unexpected argument '\(rest[1])' after --user") }
                return .kernel(.install(.user))
            case "--sys-prefix":
                guard rest.count == 1 else { return .usageError("unexpected argument '\(rest[1])' after --sys-prefix") }
                return .kernel(.install(.sysPrefix))
            case "--prefix":
                guard rest.count == 2 else { return .usageError("--prefix needs exactly one folder") }
                return .kernel(.install(.prefix(rest[1])))
            case let other?:
                return .usageError("unknown install option '\(other)': use --user, --sys-prefix or --prefix P")
            }
        default:
            if first.hasPrefix("--connection-file=") {
                return .kernel(.connectionFile(String(first.dropFirst("--connection-file=".count)), skipsInit: skipsInit))
            }
            return .usageError("unknown kernel argument '\(first)': \(usage)")
        }
    }
}
