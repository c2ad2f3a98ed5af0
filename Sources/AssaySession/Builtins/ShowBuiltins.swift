import AssayLanguage

/// `show`: a list of case results or records as a table with chosen rows and columns.
enum ShowBuiltins {
    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "show", usage: "show(x, rows: 20, columns: [\"id\", \"status\", \"rouge/rougeL/f1\"])",
                summary: "Shows case results or records as a table: the first `rows` rows, the columns named (metric paths too).",
                parameters: [.positional("x"), .keyword("rows"), .keyword("columns")]
            ) { arguments, _ throws(BuiltinFailure) in
                let value = try arguments.required("x")
                let items: [Value]
                switch value {
                case .list(let list): items = list
                case .object(let object) where object.elements != nil: items = object.elements ?? []
                default: throw BuiltinFailure.type("show", "x", expected: "a list of case results or records", found: value)
                }
                var rows = try arguments.integer("rows") ?? CaseTable.defaultRows
                guard rows >= 0 else { throw BuiltinFailure(message: "show: rows must be 0 or more, not \(rows)", argument: "rows", id: "show.rows") }
                var columns: [String]?
                if let wanted = arguments["columns"] {
                    guard case .list(let names) = wanted else {
                        throw BuiltinFailure.type("show", "columns", expected: "a list of column names", found: wanted)
                    }
                    columns = try names.map { name throws(BuiltinFailure) -> String in
                        guard case .string(let text) = name else {
                            throw BuiltinFailure.type("show", "columns", expected: "a list of column names", found: name)
                        }
                        return text
                    }
                }
                // A notebook caps its tables; the caption then says so and how to get every row.
                let rowLimit = state.options.outputLimits.rowsPerTable.flatMap { rows > $0 ? $0 : nil }
                if let rowLimit { rows = rowLimit }
                guard var table = try CaseTable.make(items, rows: rows, columns: columns) else {
                    throw BuiltinFailure(message: "show needs a non-empty list of case results or records", argument: "x", id: "show.items")
                }
                table.rowLimit = rowLimit
                return .object(TableView(table: table, items: items))
            },
        ]
    }
}
