import AssayCore
import AssayEvaluation
import AssayLanguage

/// A suite as the language sees it: a list of case records with a source.
struct SuiteObject: DomainObject, ElementCollection, RichDisplayable, JSONConvertible {
    let suite: Suite
    /// The cases as the language's records (``SuiteRecords``). The list of them is made each
    /// time it is asked for, not kept: a million deferred records are 48 MB, more than the
    /// cases, and counting the cases or reading one needs no list.
    let records: SuiteRecords
    /// The path as the user wrote it, for display (the source keeps the resolved path).
    let displayPath: String?
    /// Where the suite's values came from when a model wrote them (`label(…)`): the run, the model,
    /// the field.
    let provenance: Record?

    init(_ suite: Suite, displayPath: String? = nil, provenance: Record? = nil) {
        self.suite = suite
        self.provenance = provenance
        self.displayPath = displayPath ?? suite.source?.path
        records = SuiteRecords(suite.cases)
    }

    var typeName: String { "suite" }
    var memberNames: [String] { ["cases", "ids", "source", "skipped", "provenance"] }
    var elements: [Value]? { records.values }
    var elementCount: Int? { suite.cases.count }

    func element(at position: Int) -> Value? {
        suite.cases.indices.contains(position) ? records.value(at: position) : nil
    }

    func member(_ name: String) -> Value? {
        switch name {
        case "cases": return .list(records.values)
        case "ids": return .list(suite.cases.map { .string($0.id) })
        case "provenance": return provenance.map(Value.record) ?? .null
        case "source":
            guard let source = suite.source else { return .null }
            return .record(Record([
                ("path", .string(source.path)), ("format", .string(source.format.rawValue)), ("sha256", .string(source.sha256)),
            ]))
        case "skipped":
            return .list(suite.skipped.map { skip in
                .record(Record([
                    ("line", .integer(skip.line)), ("column", skip.column.map(Value.integer) ?? .null), ("message", .string(skip.message)),
                ]))
            })
        default: return nil
        }
    }

    func rebuilt(with elements: [Value]) throws(BuiltinFailure) -> Value {
        var cases: [TestCase] = []
        cases.reserveCapacity(elements.count)
        for element in elements {
            guard case .record(let record) = element else {
                throw BuiltinFailure(message: "a suite can only hold case records, got \(element.typeName)", id: "type.argument")
            }
            // A case's record that was not changed is that case: filter, sort and take over a
            // large suite then convert nothing (and a case of this suite is found without a cast).
            if let testCase = records.testCase(of: record) ?? SuiteRecords.testCase(of: record) {
                cases.append(testCase)
            } else {
                cases.append(TestCase(fields: try JSONBridge.object(record)))
            }
        }
        return .object(SuiteObject(Suite(cases: cases, source: suite.source), displayPath: displayPath))
    }

    /// The suite of the cases at `positions`, taken from the suite without looking at the
    /// records (which are this suite's own, in order).
    func rebuilt(selecting positions: [Int], of elements: [Value]) throws(BuiltinFailure) -> Value {
        let cases = positions.map { suite.cases[$0] }
        return .object(SuiteObject(Suite(cases: cases, source: suite.source), displayPath: displayPath))
    }

    var jsonValue: JSONValue { .array(suite.cases.map { .object($0.fields) }) }

    /// The columns shown: id, the conventional fields, then others, at most eight in all.
    var table: Table {
        var columns: [String] = ["id"]
        for conventional in ["input", "expected", "tags"] where suite.cases.contains(where: { $0.fields[conventional] != nil }) {
            columns.append(conventional)
        }
        for testCase in suite.cases.prefix(50) {
            for key in testCase.fields.keys where !columns.contains(key) && columns.count < 8 { columns.append(key) }
        }
        let shown = suite.cases.prefix(Self.rowLimit)
        let rows = shown.map { testCase in
            columns.map { column in testCase.fields[column].map { ValueRenderer.cellText(JSONBridge.value($0)) } ?? "" }
        }
        var caption = "\(suite.cases.count) case\(suite.cases.count == 1 ? "" : "s")"
        if let displayPath { caption += " from \(displayPath)" }
        if let provenance, case .string(let run)? = provenance["run"], case .string(let field)? = provenance["field"],
           case .string(let model)? = provenance["model"] {
            caption += "; '\(field)' written by \(model) in run \(run.prefix(8))"
        }
        if suite.cases.count > Self.rowLimit { caption += " (first \(Self.rowLimit) shown)" }
        if !suite.skipped.isEmpty { caption += "; \(suite.skipped.count) skipped" }
        return Table(headers: columns, rows: rows, caption: caption)
    }

    static let rowLimit = 20

    var plainText: String { table.plainText }

    var mimeBundle: MIMEBundle {
        let table = self.table
        return MIMEBundle(["text/plain": table.plainText, "text/html": table.html])
    }

    func isSame(as other: any DomainObject) -> Bool {
        guard let other = other as? SuiteObject else { return false }
        return other.suite.cases == suite.cases
    }
}
