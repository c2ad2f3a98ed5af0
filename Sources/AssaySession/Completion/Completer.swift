import AssayCore
import AssayLanguage
import Foundation

/// Completions for the shell's Tab key and the kernel's `complete_request`.
///
/// Offsets are Unicode scalars, as Jupyter counts them.
struct Completer {
    let state: SessionState

    func complete(_ code: String, cursor: Int) -> CompletionResult {
        let scalars = Array(code.unicodeScalars)
        let cursor = max(0, min(cursor, scalars.count))
        let before = String(String.UnicodeScalarView(scalars[..<cursor]))
        if let string = LexicalScan.openString(in: before) {
            return completeInsideString(before: before, string: string, cursor: cursor)
        }
        let trimmed = before.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        if trimmed.hasPrefix(":") {
            return completeCommand(String(trimmed), cursor: cursor)
        }
        let word = LexicalScan.trailingWord(before)
        let start = cursor - word.unicodeScalars.count
        let head = String(before.unicodeScalars.dropLast(word.unicodeScalars.count))
        if head.hasSuffix("/"), let keys = keysAfterPath(String(head.dropLast())) {
            return CompletionResult(matches: keys.filter { $0.hasPrefix(word) }.sorted().map(Self.pathStep), start: start, end: cursor)
        }
        var matches: [String] = []
        if let function = LexicalScan.enclosingCallee(head), let builtin = state.interpreter.builtins[function] {
            matches += builtin.parameters.map { $0.name + ":" }.filter { $0.hasPrefix(word) && !word.isEmpty || word.isEmpty }
        }
        guard !word.isEmpty || !matches.isEmpty else { return CompletionResult(matches: [], start: cursor, end: cursor) }
        let assigned = LexicalScan.assignedNames(in: code).filter { state.interpreter.globals[$0] == nil }
        let variables = Set(state.interpreter.globals.keys).union(assigned).filter { $0.hasPrefix(word) }.sorted()
        let builtins = state.interpreter.builtins.keys.filter { $0.hasPrefix(word) && state.interpreter.globals[$0] == nil }.sorted()
        let keywords = Keyword.allCases.map(\.rawValue).filter { $0.hasPrefix(word) && !word.isEmpty }
        matches += variables + builtins + keywords
        return CompletionResult(matches: matches.filter { $0 != word || matches.count == 1 }, start: start, end: cursor)
    }

    /// The keys of the value a pure path evaluates to (`r/summary` before `/`), without side effects.
    func keysAfterPath(_ text: String) -> [String]? {
        let chain = LexicalScan.trailingPath(text)
        guard !chain.isEmpty else { return nil }
        let source = SourceFile(name: "<completion>", text: chain)
        guard let program = try? Parser.parse(source), program.statements.count == 1,
              case .expression(let expression) = program.statements[0].kind, Self.isPure(expression),
              let value = try? state.interpreter.evaluate(expression, in: nil, source: source)
        else { return nil }
        switch value {
        case .record(let record): return record.keys
        case .object(let object): return object.memberNames
        case .list(let items):
            if case .record(let first)? = items.first { return ["*"] + first.keys.map { "*/" + $0 } }
            return ["*"]
        default: return nil
        }
    }

    /// A key as a path step: as it is when it reads as a name (`score`, `*/rouge`), else quoted
    /// (`"odd key"`, `"2nd"`), so that inserting it gives a valid path.
    static func pathStep(_ key: String) -> String {
        let (prefix, name) = key.hasPrefix("*/") ? ("*/", String(key.dropFirst(2))) : ("", key)
        guard name != "*" else { return key }
        // As the lexer reads names: ASCII letters, `_` and any non-ASCII character, then digits too.
        func starts(_ character: Character) -> Bool {
            character == "_" || (character.isASCII ? character.isLetter : !character.isWhitespace)
        }
        let isName = name.first.map(starts) == true && name.allSatisfy { starts($0) || ($0.isASCII && $0.isNumber) }
            && Keyword(rawValue: name) == nil
        return prefix + (isName ? name : JSONValue.string(name).serialized())
    }

    static func isPure(_ expression: AssayLanguage.Expression) -> Bool {
        switch expression.kind {
        case .name: return true
        case .path(let base, let steps):
            return isPure(base) && steps.allSatisfy { if case .computed = $0.selector { return false } else { return true } }
        default: return false
        }
    }

    func completeCommand(_ text: String, cursor: Int) -> CompletionResult {
        let body = text.dropFirst()
        if let space = body.firstIndex(of: " ") {
            let name = body[..<space]
            let argument = body[body.index(after: space)...].drop { $0 == " " }
            guard name == "load" else { return CompletionResult(matches: [], start: cursor, end: cursor) }
            let matches = FilePathCompletion(baseDirectory: state.options.baseDirectory).matches(for: String(argument))
            return CompletionResult(matches: matches, start: cursor - argument.unicodeScalars.count, end: cursor)
        }
        let matches = MetaCommands.table.map { ":" + $0.name }.filter { $0.hasPrefix(text) }
        return CompletionResult(matches: matches, start: cursor - text.unicodeScalars.count, end: cursor)
    }

    func completeInsideString(before: String, string: LexicalScan.OpenString, cursor: Int) -> CompletionResult {
        let head = String(before.unicodeScalars.prefix(string.quoteOffset))
        let callee = LexicalScan.enclosingCallee(head)
        let label = LexicalScan.trailingLabel(head)
        let wantsPath = (callee == "load" && label == nil) || (callee == "template" && label == "file") || (callee == "save" && label == nil)
        guard wantsPath else { return CompletionResult(matches: [], start: cursor, end: cursor) }
        let matches = FilePathCompletion(baseDirectory: state.options.baseDirectory).matches(for: string.content)
        return CompletionResult(matches: matches, start: cursor - string.content.unicodeScalars.count, end: cursor)
    }
}

/// File names that complete a partly typed path.
struct FilePathCompletion {
    let baseDirectory: String

    func matches(for partial: String) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let directoryPart = slash.map { String(partial[...$0]) } ?? ""
        let namePrefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        var directory = directoryPart.isEmpty ? "." : directoryPart
        if directory.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] { directory = home + directory.dropFirst() }
        let resolved = directory.hasPrefix("/") ? directory : baseDirectory + "/" + directory
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: resolved) else { return [] }
        return entries.filter { $0.hasPrefix(namePrefix) && (!$0.hasPrefix(".") || namePrefix.hasPrefix(".")) }.sorted().map { entry in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: resolved + "/" + entry, isDirectory: &isDirectory)
            return directoryPart + entry + (isDirectory.boolValue ? "/" : "")
        }
    }
}
