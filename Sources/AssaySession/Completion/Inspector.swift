import AssayLanguage

/// What `inspect_request` and the shell show for the name under the cursor.
struct Inspector {
    let state: SessionState

    func inspect(_ code: String, cursor: Int) -> MIMEBundle? {
        var position = cursor
        var name = LexicalScan.word(in: code, at: position)
        if name == nil, position > 0 {
            // Just after `len(`: inspect the function being called.
            let before = String(String.UnicodeScalarView(code.unicodeScalars.prefix(position)))
            if let callee = LexicalScan.enclosingCallee(before) {
                name = callee
                position -= 1
            }
        }
        guard let name else { return nil }
        if let value = state.interpreter.globals[name] {
            let text = value.plainText
            return MIMEBundle(plainText: "\(name): \(value.typeName)\n\(text.count > 2000 ? String(text.prefix(2000)) + "…" : text)")
        }
        if let builtin = state.interpreter.builtins[name] {
            return MIMEBundle(plainText: HelpText.describe(builtin))
        }
        if let command = MetaCommands.table.first(where: { $0.name == name }), code.contains(":" + name) {
            return MIMEBundle(plainText: ":\(command.usage)\n\n\(command.summary)")
        }
        return nil
    }
}

extension SessionState {
    func complete(_ code: String, cursor: Int) -> CompletionResult {
        Completer(state: self).complete(code, cursor: cursor)
    }

    func inspect(_ code: String, cursor: Int) -> MIMEBundle? {
        Inspector(state: self).inspect(code, cursor: cursor)
    }
}
