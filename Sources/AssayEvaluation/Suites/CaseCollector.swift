import AssayCore

/// Turns parsed records into cases, checking ids, and decides whether a bad record fails the
/// load or is skipped.
///
/// Every format reader feeds it records with their positions; the rules (objects only, id
/// types, derived ids, unique ids, `skipBad`) live here once.
struct CaseCollector {
    let path: String
    let skipsBadRecords: Bool
    /// The file's bytes, while they may become the cases' text.
    private var bytes: [UInt8]?
    /// The file's text, when cases keep their record's text instead of its fields.
    private(set) var text: SuiteText?
    private(set) var cases: [TestCase] = []
    private(set) var skipped: [SkippedRecord] = []
    /// The line where each case's record starts, for the message naming a repeated id's lines.
    private(set) var lines: [UInt32] = []
    /// Each case's column and whether it named its own id, for `add-ids`; see ``placements``.
    private(set) var anchors: [Anchor] = []
    private var ids = CaseIDIndex()

    /// Where a case's record starts, and whether it named its own id.
    struct Placement {
        let line: Int
        /// The 1-based column, when meaningful.
        let column: Int?
        let hasOwnID: Bool
    }

    /// A case's column in the low 31 bits, and whether it named its own id in the top one.
    struct Anchor {
        private let stored: UInt32

        init(column: Int?, hasOwnID: Bool) {
            stored = UInt32(clamping: min(max(column ?? 0, 0), Int(Int32.max))) | (hasOwnID ? 1 << 31 : 0)
        }

        var hasOwnID: Bool { stored >> 31 == 1 }
        var column: Int? { stored & 0x7FFF_FFFF == 0 ? nil : Int(stored & 0x7FFF_FFFF) }
    }

    /// Where each case's record starts and whether it named its own id (what `add-ids` needs).
    ///
    /// Kept only while cases do not keep their text, as `add-ids` reads a suite: a large suite
    /// loaded to be used would hold 4 bytes more per case for nothing.
    var placements: [Placement] {
        precondition(text == nil, "placements are kept only for cases that do not keep their text")
        return zip(lines, anchors).map { Placement(line: Int($0), column: $1.column, hasOwnID: $1.hasOwnID) }
    }

    /// - Parameter bytes: The file's bytes, when its cases may keep their text there.
    init(path: String, skipBadRecords: Bool, bytes: [UInt8]? = nil) {
        self.path = path
        self.skipsBadRecords = skipBadRecords
        self.bytes = bytes
    }

    /// From now on, cases keep their record's text (JSON, or a CSV row read with `csvHeader`)
    /// when the collector was given the file's bytes.
    mutating func keepText(csvHeader: [String]?) {
        precondition(cases.isEmpty, "whether cases keep their text is decided before the first")
        guard let bytes else { return }
        text = SuiteText(bytes, csvHeader: csvHeader)
        self.bytes = nil
    }

    /// Makes room for about `count` cases.
    mutating func reserveCapacity(_ count: Int) {
        cases.reserveCapacity(count)
        lines.reserveCapacity(count)
        if text == nil { anchors.reserveCapacity(count) }
        ids.reserveCapacity(count)
    }

    /// Adds one record, or reports why it cannot be a case.
    ///
    /// - Parameters:
    ///   - record: The parsed record.
    ///   - line: The 1-based line where it starts.
    ///   - column: The 1-based column where it starts, when meaningful.
    ///   - hintForNonObject: What to suggest when the record is not an object.
    ///   - span: Where the record's text is in ``text``, for a case that keeps its text.
    mutating func add(
        _ record: JSONValue, line: Int, column: Int?, hintForNonObject: String, span: Range<Int>? = nil
    ) throws(SuiteLoadError) {
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
        let testCase: TestCase
        if let text, let span {
            var id = TestCase.ownID(of: fields)
            if id == nil {
                var content = fields
                content["id"] = nil
                id = TestCase.derivedID(for: content)
            }
            testCase = TestCase(id: id!, text: text, start: span.lowerBound, count: span.count)
        } else {
            testCase = TestCase(fields: fields)
        }
        let wasDerived = fields["id"].flatMap(TestCase.idText(of:)).map(\.isEmpty) ?? true
        let own = (fields["id"] ?? fields["uuid"]).flatMap(TestCase.idText(of:)).map { !$0.isEmpty } ?? false
        try append(testCase, line: line, column: column, wasDerived: wasDerived, hasOwnID: own)
    }

    /// Adds a record known to be valid whose text stays the case's, given only its `id` and
    /// `uuid` members, without its other fields; `false` (nothing added) when the record needs
    /// ``add(_:line:column:hintForNonObject:span:)``: it has no id of its own, or an id that is
    /// not a string or an integer.
    mutating func addText(id: JSONValue?, uuid: JSONValue?, line: Int, column: Int?, span: Range<Int>) throws(SuiteLoadError) -> Bool {
        guard text != nil, let named = Self.namedID(id: id, uuid: uuid) else { return false }
        try addNamed(named, fromUUID: id == nil, line: line, column: column, span: span)
        return true
    }

    /// The id a record names for itself, given only its `id` and `uuid` members: the non-empty
    /// text of its string or integer `id`, else (without an `id`) of its `uuid`; nil otherwise.
    static func namedID(id: JSONValue?, uuid: JSONValue?) -> String? {
        if let id {
            guard let idText = TestCase.idText(of: id), !idText.isEmpty else { return nil }
            return idText
        }
        guard let uuid, let uuidText = TestCase.idText(of: uuid), !uuidText.isEmpty else { return nil }
        return uuidText
    }

    /// Adds a record known to be valid whose text stays the case's, given the id it names for
    /// itself (``namedID(id:uuid:)``), `fromUUID` when that came from its `uuid`.
    mutating func addNamed(_ id: String, fromUUID: Bool, line: Int, column: Int?, span: Range<Int>) throws(SuiteLoadError) {
        guard let text else { preconditionFailure("cases keep their text only once the collector has the file's") }
        let testCase = TestCase(id: id, text: text, start: span.lowerBound, count: span.count)
        try append(testCase, line: line, column: column, wasDerived: fromUUID, hasOwnID: true)
    }

    /// Adds a record without an `id` or `uuid` member, known to be a valid JSON object, whose
    /// text stays the case's, given its id: ``TestCase/derivedID(for:)`` of its fields (as
    /// `SuiteLoader.derivedID(ofLine:writer:)` hashes it from the record's text).
    mutating func addDerived(id: String, line: Int, column: Int, span: Range<Int>) throws(SuiteLoadError) {
        guard let text else { preconditionFailure("cases keep their text only once the collector has the file's") }
        let testCase = TestCase(id: id, text: text, start: span.lowerBound, count: span.count)
        try append(testCase, line: line, column: column, wasDerived: true, hasOwnID: false)
    }

    /// Adds a case unless its id is taken.
    private mutating func append(_ testCase: TestCase, line: Int, column: Int?, wasDerived: Bool, hasOwnID: Bool) throws(SuiteLoadError) {
        if let first = ids.insert(cases.count, id: testCase.id, of: cases) {
            try reject(SuiteLoadError(
                .duplicateID, path: path, line: line, column: column,
                message: "duplicate id \"\(testCase.id)\": line \(lines[first]) and line \(line) have the same id",
                hint: wasDerived
                    ? "the two cases have identical content; remove one or give them distinct ids"
                    : "ids must be unique within a suite"
            ))
            return
        }
        cases.append(testCase)
        lines.append(UInt32(clamping: line))
        if text == nil { anchors.append(Anchor(column: column, hasOwnID: hasOwnID)) }
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
