import AssayCore

/// Turns parsed records into cases, checking ids, and decides whether a bad record fails the
/// load or is skipped.
///
/// Every format reader feeds it records with their positions; the rules (objects only, id
/// types, derived ids, unique ids, `skipBad`) live here once.
struct CaseCollector {
    let path: String
    let skipsBadRecords: Bool
    private(set) var cases: [TestCase] = []
    private(set) var skipped: [SkippedRecord] = []
    private var lineOfID: [String: Int] = [:]

    init(path: String, skipBadRecords: Bool) {
        self.path = path
        self.skipsBadRecords = skipBadRecords
    }

    /// Adds one record, or reports why it cannot be a case.
    ///
    /// - Parameters:
    ///   - record: The parsed record.
    ///   - line: The 1-based line where it starts.
    ///   - column: The 1-based column where it starts, when meaningful.
    ///   - hintForNonObject: What to suggest when the record is not an object.
    mutating func add(_ record: JSONValue, line: Int, column: Int?, hintForNonObject: String) throws(SuiteLoadError) {
        guard case .object(let fields) = record else {
            try reject(SuiteLoadError(
                .invalidCase, path: path, line: line, column: column,
                message: "expected a JSON object for each case, found \(record.kindDescription)",
                hint: hintForNonObject
            ))
            return
        }
        if let id = fields["id"], TestCase.idText(of: id) == nil {
            try reject(SuiteLoadError(
                .invalidCase, path: path, line: line, column: column,
                message: "the id must be a string or an integer, found \(id.kindDescription) (\(id.serialized()))"
            ))
            return
        }
        let testCase = TestCase(fields: fields)
        if let firstLine = lineOfID[testCase.id] {
            let wasDerived = fields["id"].flatMap(TestCase.idText(of:)).map(\.isEmpty) ?? true
            try reject(SuiteLoadError(
                .duplicateID, path: path, line: line, column: column,
                message: "duplicate id \"\(testCase.id)\": line \(firstLine) and line \(line) have the same id",
                hint: wasDerived
                    ? "the two cases have identical content; remove one or give them distinct ids"
                    : "ids must be unique within a suite"
            ))
            return
        }
        lineOfID[testCase.id] = line
        cases.append(testCase)
    }

    /// Fails with `error`, or records it as skipped when `skipBad` allows.
    mutating func reject(_ error: SuiteLoadError) throws(SuiteLoadError) {
        guard skipsBadRecords, error.code.isSkippable, let line = error.line else { throw error }
        skipped.append(SkippedRecord(line: line, column: error.column, message: error.message))
    }

    /// The finished suite.
    func suite(source: SuiteSource) -> Suite {
        Suite(cases: cases, source: source, skipped: skipped)
    }
}
