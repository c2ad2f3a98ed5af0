import AssayCore
import AssayLanguage
import Foundation

/// A `:command arguments` line.
struct MetaCommandLine {
    let name: String
    let arguments: String
    let text: String

    /// Parses a cell that starts with `:`; nil for any other cell.
    init?(_ code: String) {
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(":") else { return nil }
        let body = trimmed.dropFirst()
        let name = body.prefix { !$0.isWhitespace }
        self.name = String(name)
        self.arguments = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        self.text = trimmed
    }
}

/// One meta command: its name, usage, summary and what it does.
struct MetaCommand: Sendable {
    let name: String
    let usage: String
    let summary: String
    let run: @Sendable (_ arguments: String, _ state: SessionState) -> ExecutionOutcome
}

/// The table of `:` commands every front end shares.
enum MetaCommands {
    /// How many `:load` commands may run inside one another.
    static let maximumLoadDepth = 16

    static let table: [MetaCommand] = [
        MetaCommand(name: "help", usage: "help [topic]", summary: "Lists commands and builtins, or explains one.") { arguments, state in
            do throws(BuiltinFailure) {
                let text = arguments.isEmpty ? HelpText.overview(state) : try HelpText.text(named: arguments, in: state)
                state.sink(.stream(.stdout, text + "\n"))
                return .success
            } catch {
                return fail(error.message, hint: error.hint, command: ":help " + arguments, state: state)
            }
        },
        MetaCommand(name: "vars", usage: "vars", summary: "Lists the variables of this session with their types.") { _, state in
            let names = state.interpreter.globals.keys.sorted()
            if names.isEmpty {
                state.sink(.stream(.stdout, "no variables yet: assign one with 'name = value'\n"))
                return .success
            }
            let rows = names.map { name -> [String] in
                let value = state.interpreter.globals[name]!
                let text = value.literalText
                return [name, value.typeName, Table.clip(Table.oneLine(text))]
            }
            state.sink(.stream(.stdout, Table(headers: ["name", "type", "value"], rows: rows).plainText + "\n"))
            return .success
        },
        MetaCommand(name: "load", usage: "load FILE", summary: "Runs a script file in this session.") { arguments, state in
            guard !arguments.isEmpty else { return fail("':load' needs a file name", hint: "e.g. :load setup.assay", command: ":load", state: state) }
            guard state.loadDepth < maximumLoadDepth else {
                return fail("':load' nests deeper than \(maximumLoadDepth)", hint: "a script probably loads itself", command: ":load " + arguments, state: state)
            }
            let path = state.resolvePath(arguments)
            guard let code = try? String(contentsOfFile: path, encoding: .utf8) else {
                return fail("cannot read \(arguments)", hint: "check the path; it is relative to \(state.options.baseDirectory)", command: ":load " + arguments, state: state)
            }
            state.loadDepth += 1
            defer { state.loadDepth -= 1 }
            return state.execute(ExecutionRequest(code: code, origin: arguments, echo: .everyExpression, readInput: state.readInput), sink: state.sink)
        },
        MetaCommand(name: "time", usage: "time on|off", summary: "Reports how long each cell takes.") { arguments, state in
            switch arguments {
            case "on": state.isTiming = true
            case "off": state.isTiming = false
            case "": state.isTiming.toggle()
            default: return fail("':time' takes 'on' or 'off'", hint: nil, command: ":time " + arguments, state: state)
            }
            state.sink(.stream(.stdout, "timing \(state.isTiming ? "on" : "off")\n"))
            return .success
        },
        MetaCommand(name: "models", usage: "models", summary: "Lists the models: name, provider, endpoint, parameters (never a key).") { _, state in
            state.runs.reloadCatalog()
            do throws(BuiltinFailure) {
                let table = RecordTable(records: try ModelBuiltins.modelRecords(state), caption: nil)
                state.sink(.display(table.mimeBundle, displayID: nil))
                return .success
            } catch {
                return fail(error.message, hint: error.hint, command: ":models", state: state)
            }
        },
        MetaCommand(name: "runs", usage: "runs [n]", summary: "Lists the latest stored runs (20 unless n is given).") { arguments, state in
            guard let limit = arguments.isEmpty ? 20 : Int(arguments), limit >= 0 else {
                return fail("':runs' takes a number of runs", hint: "e.g. :runs 5", command: ":runs " + arguments, state: state)
            }
            do throws(BuiltinFailure) {
                state.sink(.display(try RunQueryBuiltins.historyTable(state, limit: limit).mimeBundle, displayID: nil))
                return .success
            } catch {
                return fail(error.message, hint: error.hint, command: ":runs", state: state)
            }
        },
        MetaCommand(
            name: "pipelines", usage: "pipelines",
            summary: "Lists the pipelines defined in this session and in assay.init: name, model, template, metrics, where."
        ) { _, state in
            state.sink(.display(PipelineBuiltins.table(state).mimeBundle, displayID: nil))
            return .success
        },
        MetaCommand(name: "quit", usage: "quit", summary: "Ends the shell (Ctrl-D does too).") { _, _ in .quitRequested },
    ]

    static func run(_ line: MetaCommandLine, in state: SessionState) -> ExecutionOutcome {
        if let command = table.first(where: { $0.name == line.name }) {
            return command.run(line.arguments, state)
        }
        let names = table.map(\.name)
        let suggestion = Suggestion.closest(to: line.name, among: names).first.map { "did you mean ':\($0)'? " } ?? ""
        return fail(
            line.name.isEmpty ? "':' must be followed by a command name" : "unknown command ':\(line.name)'",
            hint: suggestion + "type ':help' for the list of commands", command: line.text, state: state
        )
    }

    static func fail(_ message: String, hint: String?, command: String, state: SessionState) -> ExecutionOutcome {
        // Blank lines in front put the command on the line where it was written.
        let lineStart = state.commandSite.line - 1
        let source = SourceFile(name: state.commandSite.origin, text: String(repeating: "\n", count: lineStart) + command)
        let nameEnd = command.firstIndex(of: " ").map { command.utf8.distance(from: command.startIndex, to: $0) } ?? command.utf8.count
        let range = SourceRange(start: lineStart, end: lineStart + nameEnd)
        let diagnostic = Diagnostic(id: "name.command", message: message, range: range, source: source, hint: hint)
        let report = ErrorReport(diagnostic)
        state.sink(.error(report))
        return .failure(report)
    }
}
