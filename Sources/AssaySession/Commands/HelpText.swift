import AssayCore
import AssayLanguage
import Foundation

/// The text `help(x)` and `:help x` show.
enum HelpText {
    static func text(for subject: Value?, in state: SessionState) throws(BuiltinFailure) -> String {
        guard let subject else { return overview(state) }
        switch subject {
        case .function(let function):
            switch function.body {
            case .builtin(let builtin): return describe(builtin)
            case .lambda(let lambda):
                return "a lambda taking (\(lambda.parameters.map(\.name).joined(separator: ", ")))"
            }
        case .string(let name):
            return try text(named: name, in: state)
        default:
            return "\(subject.typeName): \(subject.literalText)"
        }
    }

    static func text(named rawName: String, in state: SessionState) throws(BuiltinFailure) -> String {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        if let builtin = state.interpreter.builtins[name] { return describe(builtin) }
        let commandName = name.hasPrefix(":") ? String(name.dropFirst()) : name
        if let command = MetaCommands.table.first(where: { $0.name == commandName }) {
            return ":\(command.usage)\n\n\(command.summary)"
        }
        let candidates = Array(state.interpreter.builtins.keys) + MetaCommands.table.map { ":" + $0.name }
        throw BuiltinFailure(
            message: "no help for '\(name)'",
            hint: Suggestion.didYouMean(name, among: candidates) ?? "help() lists every builtin; :help lists commands",
            id: "name.no-help"
        )
    }

    static func describe(_ builtin: Builtin) -> String {
        "\(builtin.usage)\n\n\(builtin.summary)"
    }

    static func overview(_ state: SessionState) -> String {
        let builtins = state.interpreter.builtins.values.sorted { $0.name < $1.name }
        let width = min(44, builtins.map(\.usage.count).max() ?? 0)
        var lines = ["Builtins (help(name) for one):"]
        for builtin in builtins {
            lines.append("  " + builtin.usage.padding(to: width) + "  " + builtin.summary)
        }
        lines.append("")
        lines.append("Commands (:help for the list):")
        for command in MetaCommands.table {
            lines.append("  " + (":" + command.usage).padding(to: width) + "  " + command.summary)
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
