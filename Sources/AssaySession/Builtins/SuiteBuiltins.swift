import AssayCore
import AssayEvaluation
import AssayLanguage
import Foundation

/// Builtins that read and write suites.
enum SuiteBuiltins {
    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "load", usage: "load(path, skip_bad: false)",
                summary: "Loads a suite of cases from JSONL, JSON or CSV; skip_bad keeps the good records of a damaged file.",
                parameters: [.positional("path"), .keyword("skip_bad")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let path = try arguments.string("path") ?? ""
                let suite: Suite
                let skipsBad = try arguments.boolean("skip_bad") ?? false
                do throws(SuiteLoadError) {
                    suite = try SuiteLoader.load(path: state.resolvePath(path), skipBad: skipsBad)
                } catch {
                    throw BuiltinFailure(message: error.located(as: path), hint: error.hint, argument: "path", id: "io.load")
                }
                if !suite.skipped.isEmpty {
                    let places = suite.skipped.prefix(5).map { "line \($0.line)" }.joined(separator: ", ")
                    let more = suite.skipped.count > 5 ? ", …" : ""
                    state.sink(.stream(.stderr, "warning: skipped \(suite.skipped.count) bad record\(suite.skipped.count == 1 ? "" : "s") in \(path) (\(places)\(more))\n"))
                }
                return .object(SuiteObject(suite, displayPath: path))
            },
            Builtin(
                name: "save", usage: "save(suite, path) or save(table, \"t.csv\") or save(r, \"report.html\")",
                summary: "Writes a suite (or case records) as JSONL; a table of records as JSONL, CSV or JSON by extension; a run or comparison as an HTML report; a chart as SVG.",
                parameters: [.positional("suite"), .positional("path")], isSilent: true
            ) { [unowned state] arguments, invoker throws(BuiltinFailure) in
                if let written = try ReportSaving.save(try arguments.required("suite"), to: try arguments.string("path") ?? "", state, invoker) {
                    return written
                }
                let path = try arguments.string("path") ?? ""
                if case .object(let object)? = arguments["suite"], let table = object as? RecordTable {
                    let records = table.jsonValue.arrayValue?.compactMap(\.objectValue) ?? []
                    try saveRecords(records, to: path, state: state)
                    invoker.write("saved \(records.count) row\(records.count == 1 ? "" : "s") to \(path)\n")
                    return .null
                }
                let suite = try suiteArgument(arguments, "suite")
                do {
                    try SuiteWriter.writeJSONL(suite, to: state.resolvePath(path))
                } catch {
                    throw BuiltinFailure(message: "cannot write \(path): \(error)", argument: "path", id: "io.save")
                }
                var note = ""
                if case .object(let object)? = arguments["suite"], let labelled = object as? SuiteObject,
                   case .string(let run)? = labelled.provenance?["run"], case .string(let field)? = labelled.provenance?["field"] {
                    note = " ('\(field)' from run \(run.prefix(8)))"
                }
                invoker.write("saved \(suite.cases.count) case\(suite.cases.count == 1 ? "" : "s") to \(path)\(note)\n")
                return .null
            },
        ]
    }

    /// Writes records in the format the path's extension names (`.jsonl` when it has none).
    static func saveRecords(_ records: [JSONObject], to path: String, state: SessionState) throws(BuiltinFailure) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let format = name.contains(".") ? String(name.split(separator: ".").last ?? "") : "jsonl"
        let text: String
        do throws(ExportError) { text = try RecordExport.text(of: records, format: format) } catch {
            throw BuiltinFailure(message: "cannot save a table as '.\(format)'", hint: "name a .jsonl, .csv or .json file", argument: "path", id: "io.save")
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: state.resolvePath(path)), options: .atomic)
        } catch {
            throw BuiltinFailure(message: "cannot write \(path): \(error.localizedDescription)", argument: "path", id: "io.save")
        }
    }

    /// A suite argument: a suite, or a list of case records.
    static func suiteArgument(_ arguments: CallArguments, _ name: String) throws(BuiltinFailure) -> Suite {
        let value = try arguments.required(name)
        if case .object(let object) = value, let suite = object as? SuiteObject { return suite.suite }
        if case .list = value {
            guard case .object(let object) = try SuiteObject(Suite(cases: [], source: nil)).rebuilt(with: value.listItems),
                  let suite = object as? SuiteObject else { return Suite(cases: [], source: nil) }
            return suite.suite
        }
        throw BuiltinFailure.type(arguments.functionName, name, expected: "a suite or a list of records", found: value)
    }
}

extension Value {
    var listItems: [Value] {
        if case .list(let items) = self { return items }
        return []
    }
}

extension SuiteLoadError {
    /// `FILE:LINE:COL: message` on one line, naming the file as the user wrote it.
    func located(as displayPath: String) -> String {
        SourcePosition.located(message, in: displayPath, line: line, column: column)
    }
}
