import AssayCore
import AssayEvaluation

/// The command line of `assay mock-server`, parsed.
struct MockServerOptions: Equatable {
    /// A problem with the arguments (exit status 64).
    struct UsageError: Error, Equatable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// How answers are chosen, before the oracle's suite is loaded.
    enum Policy: Equatable {
        case echo
        case oracle(path: String)
        case fixed([String])
    }

    var port = 0
    var latencyMilliseconds = 0
    var policy = Policy.echo
    var faults = MockServerConfiguration.FaultRates()
    var seed = 0
    var hangMilliseconds: Int?
    var isHelpRequested = false

    static let valueOptions = [
        "--port", "--latency-ms", "--policy", "--rate-429", "--retry-after", "--rate-500", "--rate-hang",
        "--rate-malformed", "--rate-reset", "--rate-drop", "--seed", "--hang-ms",
    ]

    /// Parses `arguments` (without the command name); `--name value` and `--name=value` both work.
    static func parse(_ arguments: [String]) throws(UsageError) -> MockServerOptions {
        var options = MockServerOptions()
        var index = 0
        while index < arguments.count {
            var name = arguments[index]
            var value: String?
            index += 1
            if name == "-h" || name == "--help" {
                options.isHelpRequested = true
                continue
            }
            if let equals = name.firstIndex(of: "="), name.hasPrefix("--") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard valueOptions.contains(name) else {
                let hint = Suggestion.didYouMean(name, among: valueOptions + ["--help"]).map { " (\($0))" } ?? ""
                throw UsageError(message: name.hasPrefix("-") ? "unknown option '\(name)'\(hint)" : "unexpected argument '\(name)'")
            }
            if value == nil {
                guard index < arguments.count else { throw UsageError(message: "missing value for \(name)") }
                value = arguments[index]
                index += 1
            }
            try options.apply(name, value!)
        }
        guard options.faults.total <= 1 else {
            throw UsageError(message: "the fault rates add up to \(options.faults.total), more than 1")
        }
        return options
    }

    private mutating func apply(_ name: String, _ value: String) throws(UsageError) {
        switch name {
        case "--port":
            port = try Self.integer(name, value)
            guard port <= 65535 else { throw UsageError(message: "--port must be at most 65535, found \(port)") }
        case "--latency-ms": latencyMilliseconds = try Self.integer(name, value)
        case "--hang-ms": hangMilliseconds = try Self.integer(name, value)
        case "--retry-after": faults.retryAfterSeconds = try Self.integer(name, value)
        case "--seed":
            guard let number = Int(value) else { throw UsageError(message: "\(name) needs a whole number, found '\(value)'") }
            seed = number
        case "--rate-429": faults.rateLimited = try Self.rate(name, value)
        case "--rate-500": faults.serverError = try Self.rate(name, value)
        case "--rate-hang": faults.hang = try Self.rate(name, value)
        case "--rate-malformed": faults.malformed = try Self.rate(name, value)
        case "--rate-reset": faults.reset = try Self.rate(name, value)
        case "--rate-drop": faults.dropped = try Self.rate(name, value)
        default: policy = try Self.policy(value)
        }
    }

    private static func integer(_ name: String, _ value: String) throws(UsageError) -> Int {
        guard let number = Int(value), number >= 0 else {
            throw UsageError(message: "\(name) needs a whole number of at least 0, found '\(value)'")
        }
        return number
    }

    private static func rate(_ name: String, _ value: String) throws(UsageError) -> Double {
        guard let number = Double(value), (0...1).contains(number) else {
            throw UsageError(message: "\(name) needs a rate between 0 and 1, found '\(value)'")
        }
        return number
    }

    private static func policy(_ value: String) throws(UsageError) -> Policy {
        if value == "echo" { return .echo }
        if value.hasPrefix("oracle:"), value.count > 7 { return .oracle(path: String(value.dropFirst(7))) }
        if value.hasPrefix("fixed:"), value.count > 6 {
            return .fixed(value.dropFirst(6).split(separator: ",", omittingEmptySubsequences: false).map(String.init))
        }
        throw UsageError(message: "--policy must be echo, oracle:SUITE or fixed:A,B,C, found '\(value)'")
    }
}
