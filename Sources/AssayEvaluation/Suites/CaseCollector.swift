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
    /// Where each case's record starts, and whether it named its own id (for `add-ids`).
    private(set) var placements: [Placement] = []
    private var ids = CaseIDIndex()

    /// Where a case's record starts, in 8 bytes: a million-case suite keeps one per case while
    /// it loads.
    struct Placement {
        /// The line in the low 31 bits, and whether the record named its own id in the top one.
        private let storedLine: UInt32
        private let storedColumn: Int32

        init(line: Int, column: Int?, hasOwnID: Bool) {
            storedLine = UInt32(clamping: min(max(line, 0), Int(Int32.max))) | (hasOwnID ? 1 << 31 : 0)
            storedColumn = Int32(clamping: column ?? 0)
        }

        /// Whether the record named its own id.
        var hasOwnID: Bool { storedLine >> 31 == 1 }
        /// The 1-based line.
        var line: Int { Int(storedLine & 0x7FFF_FFFF) }
        /// The 1-based column, when meaningful.
        var column: Int? { storedColumn == 0 ? nil : Int(storedColumn) }
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
        guard let bytes else { return }
        text = SuiteText(bytes, csvHeader: csvHeader)
        self.bytes = nil
    }

    /// Makes room for about `count` cases.
    mutating func reserveCapacity(_ count: Int) {
        cases.reserveCapacity(count)
        placements.reserveCapacity(count)
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

    /// Adds a JSON object known to be valid whose text stays the case's, given only its `id` and
    /// `uuid` members, without its other fields; `false` (nothing added) when the record needs
    /// ``add(_:line:column:hintForNonObject:span:)``: it has no id of its own, or an id that is
    /// not a string or an integer.
    mutating func addText(id: JSONValue?, uuid: JSONValue?, line: Int, column: Int?, span: Range<Int>) throws(SuiteLoadError) -> Bool {
        guard let text else { return false }
        let ownID: String
        if let id {
            guard let idText = TestCase.idText(of: id), !idText.isEmpty else { return false }
            ownID = idText
        } else {
            guard let uuid, let uuidText = TestCase.idText(of: uuid), !uuidText.isEmpty else { return false }
            ownID = uuidText
        }
        let testCase = TestCase(id: ownID, text: text, start: span.lowerBound, count: span.count)
        try append(testCase, line: line, column: column, wasDerived: id == nil, hasOwnID: true)
        return true
    }

    /// Adds a record without an `id` or `uuid` member, known to be a valid JSON object, whose
    /// text stays the case's, given its canonical text (what `canonicalBytes()` gives for its
    /// parsed value): its id is ``TestCase/derivedID(for:)`` of its fields, hashed from that text.
    mutating func addDerived(canonicalContent: [UInt8], line: Int, column: Int, span: Range<Int>) throws(SuiteLoadError) {
        guard let text else { preconditionFailure("cases keep their text only once the collector has the file's") }
        let id = sha256Hex(canonicalContent, digits: 12)
        let testCase = TestCase(id: id, text: text, start: span.lowerBound, count: span.count)
        try append(testCase, line: line, column: column, wasDerived: true, hasOwnID: false)
    }

    /// Adds a case unless its id is taken.
    private mutating func append(_ testCase: TestCase, line: Int, column: Int?, wasDerived: Bool, hasOwnID: Bool) throws(SuiteLoadError) {
        if let first = ids.insert(cases.count, id: testCase.id, of: cases) {
            try reject(SuiteLoadError(
                .duplicateID, path: path, line: line, column: column,
                message: "duplicate id \"\(testCase.id)\": line \(placements[first].line) and line \(line) have the same id",
                hint: wasDerived
                    ? "the two cases have identical content; remove one or give them distinct ids"
                    : "ids must be unique within a suite"
            ))
            return
        }
        cases.append(testCase)
        placements.append(Placement(line: line, column: column, hasOwnID: hasOwnID))
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

/// The ids of the cases collected so far, to find a repeated one: an open-addressing hash table
/// of positions in the cases array.
///
/// Hand-tuned for memory and speed: a dictionary from id to line held a million ids (strings and
/// lines, about 48 MB) while a large suite loaded. A slot here is 8 bytes: the case's position
/// and 32 bits of its id's hash, so a probe reads a case's id only when those bits match.
struct CaseIDIndex {
    /// Each slot holds a case's position plus one in its low 32 bits (0 when empty) and the high
    /// 32 bits of its id's hash above them.
    private var slots = [UInt64](repeating: 0, count: 16)
    private var count = 0

    /// Makes room for `capacity` ids without growing.
    mutating func reserveCapacity(_ capacity: Int) {
        guard count == 0, capacity * 2 > slots.count else { return }
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
    }

    /// Adds the id of the case at `position`, unless a case before it has the same id: then
    /// nothing is added and that case's position is returned.
    mutating func insert(_ position: Int, id: String, of cases: [TestCase]) -> Int? {
        if (count + 1) * 2 > slots.count { grow() }
        let hash = UInt64(UInt(bitPattern: id.hashValue))
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 32) & mask
        while slots[slot] != 0 {
            if slots[slot] & 0xFFFF_FFFF_0000_0000 == tag {
                let other = Int(slots[slot] & 0xFFFF_FFFF) - 1
                if cases[other].id == id { return other }
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = tag | UInt64(position + 1)
        count += 1
        return nil
    }

    /// Doubles the table. A slot's place comes from the hash bits it keeps, so growing needs
    /// no id.
    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry != 0 {
            var slot = Int(truncatingIfNeeded: entry >> 32) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
