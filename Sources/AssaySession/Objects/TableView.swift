import AssayLanguage

/// `show(x, rows: N, columns: [...])`: a list of case results or records shown as a table with
/// the rows and columns asked for. Paths and `*` step into its rows like a list.
struct TableView: DomainObject, RichDisplayable {
    let table: CaseTable
    let items: [Value]

    var typeName: String { "table" }
    var memberNames: [String] { ["rows"] }
    var elements: [Value]? { items }

    func member(_ name: String) -> Value? {
        name == "rows" ? .list(items) : nil
    }

    var plainText: String { table.plainText(width: TextWidth.current) }

    var mimeBundle: MIMEBundle {
        MIMEBundle(["text/plain": plainText, "text/html": table.html])
    }
}
