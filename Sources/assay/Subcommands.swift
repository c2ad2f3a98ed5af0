import AssayLanguage

/// The run commands outside the shell (`assay history`, `assay summarize RUN` …), each turned into
/// the session code that does the same, so the command line and the language cannot disagree.
enum Subcommand {
    /// The subcommand names, for help and did-you-mean (`export` is parsed on its own: it calls the
    /// engine directly, see ``ExportCommand``).
    static let names = ["history", "runs", "summarize", "rerun", "resume", "export", "models", "add-ids"]

    /// The code a subcommand runs, or a usage error.
    static func code(_ name: String, _ arguments: [String]) -> Result<String, UsageError> {
        func one(_ what: String) -> Result<String, UsageError> {
            guard arguments.count == 1 else { return .failure(UsageError("'assay \(name)' needs exactly one \(what)")) }
            return .success(quoted(arguments[0]))
        }
        switch name {
        case "history":
            guard arguments.count <= 1 else { return .failure(UsageError("'assay history' takes at most a number of runs")) }
            if let count = arguments.first {
                guard Int(count) != nil else { return .failure(UsageError("'assay history' takes a number of runs, not '\(count)'")) }
                return .success("history(\(count))")
            }
            return .success("history()")
        case "runs":
            return one("run selector (an id prefix, latest, -1 …)").map { "runs(\($0))" }
        case "summarize":
            guard let run = arguments.first else { return .failure(UsageError("'assay summarize' needs a run (an id prefix, latest, -1 …)")) }
            var by: String?
            var rest = Array(arguments.dropFirst())
            while let option = rest.first {
                guard option == "--by", rest.count >= 2 else { return .failure(UsageError("unexpected argument '\(option)'; use --by FIELD")) }
                by = rest[1]
                rest.removeFirst(2)
            }
            return .success("summarize(runs(\(quoted(run)))\(by.map { ", by: \(quoted($0))" } ?? ""))")
        case "resume":
            guard let run = arguments.first else { return .failure(UsageError("'assay resume' needs a run selector")) }
            var maxCost: String?
            var rest = Array(arguments.dropFirst())
            while let option = rest.first {
                guard option == "--max-cost", rest.count >= 2 else {
                    return .failure(UsageError("unexpected argument '\(option)'; use --max-cost DOLLARS"))
                }
                guard let dollars = Double(rest[1]), dollars >= 0, dollars.isFinite else {
                    return .failure(UsageError("--max-cost takes a number of dollars, not '\(rest[1])'"))
                }
                maxCost = String(dollars)
                rest.removeFirst(2)
            }
            return .success("resume(runs(\(quoted(run)))\(maxCost.map { ", max_cost: \($0)" } ?? ""))")
        case "rerun":
            guard let run = arguments.first else { return .failure(UsageError("'assay rerun' needs a run, then key=value changes")) }
            var changes: [String] = []
            for change in arguments.dropFirst() {
                guard let equals = change.firstIndex(of: "="), equals != change.startIndex else {
                    return .failure(UsageError("'\(change)' is not a change; write key=value, e.g. model=flakey or temperature=0.7"))
                }
                let key = String(change[..<equals])
                guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return .failure(UsageError("'\(key)' is not a setting name")) }
                changes.append("\(key): \(literal(String(change[change.index(after: equals)...])))")
            }
            return .success("rerun(runs(\(quoted(run)))\(changes.map { ", " + $0 }.joined()))")
        case "models":
            guard arguments.isEmpty else { return .failure(UsageError("'assay models' takes no arguments")) }
            return .success("models()")
        case "add-ids":
            guard arguments.count == 1 else { return .failure(UsageError("'assay add-ids' needs exactly one suite file")) }
            guard arguments[0].lowercased().hasSuffix(".jsonl") else {
                return .failure(UsageError("'assay add-ids' rewrites JSONL suites in place; for another format write a JSONL copy: assay -c 'save(load(\"\(arguments[0])\"), \"cases.jsonl\")'"))
            }
            return .success("save(load(\(quoted(arguments[0]))), \(quoted(arguments[0])))")
        default:
            return .failure(UsageError("unknown command '\(name)'"))
        }
    }

    /// A string literal of the language for any text.
    static func quoted(_ text: String) -> String {
        Value.quoted(text)
    }

    /// A value given on the command line: numbers, booleans, null, lists and records as written;
    /// anything else as a string.
    static func literal(_ text: String) -> String {
        if Double(text) != nil || ["true", "false", "null"].contains(text) { return text }
        if let first = text.first, first == "[" || first == "{" || first == "\"" { return text }
        return quoted(text)
    }
}

/// A command-line mistake, reported with exit code 64.
struct UsageError: Error, Equatable {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
