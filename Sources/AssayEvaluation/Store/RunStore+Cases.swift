import AssayCore
import Foundation

/// The cases a run evaluated, kept in the store so that a run is a record of its own and never a
/// pointer to a file that may change.
///
/// Cases are content-addressed: each case's fields, serialised in their order, are stored once
/// under their SHA-256 (`cases`), and a run's list of cases is stored once under the SHA-256 of the
/// case digests in order (`case_lists`). A hundred runs over one suite add one list and its cases
/// once; a run over an edited suite adds only the cases that changed and a new list.
extension RunStore {
    /// The digests of cases as stored: each case's own, and the list's.
    struct CaseListDigest {
        /// Each case's fields as stored (serialised in their order) with their SHA-256.
        let cases: [(sha256: String, text: String)]
        /// The SHA-256 of the case digests in order.
        let list: String

        init(_ cases: [TestCase]) {
            self.cases = cases.map { testCase in
                let text = JSONValue.object(testCase.fields).serialized()
                return (sha256Hex(Array(text.utf8)), text)
            }
            list = sha256Hex(Array(self.cases.map(\.sha256).joined(separator: "\n").utf8))
        }
    }

    /// Stores a list of cases unless the store has it already; returns the list's digest.
    static func storeCases(_ digest: CaseListDigest, _ db: any StoreConnection) throws -> String {
        let known = try db.fetchOne("SELECT 1 FROM case_lists WHERE list_sha = ? LIMIT 1", [digest.list]) != nil
        if known { return digest.list }
        // Many rows per statement: a suite of 100,000 cases is a few hundred statements, which
        // matters most on PostgreSQL, where each is a round trip.
        let members = Array(digest.cases.enumerated())
        for start in stride(from: 0, to: members.count, by: 300) {
            let slice = members[start ..< min(start + 300, members.count)]
            var cases = StoreArguments()
            var list = StoreArguments()
            for (position, stored) in slice {
                cases += [stored.sha256, stored.text]
                list += [digest.list, position, stored.sha256]
            }
            try db.execute("INSERT INTO cases (sha256, fields) VALUES \(Self.rows(slice.count, of: 2)) ON CONFLICT (sha256) DO NOTHING", cases)
            // Two processes may store the same new list at once: the second's rows are the same.
            try db.execute(
                "INSERT INTO case_lists (list_sha, position, case_sha) VALUES \(Self.rows(slice.count, of: 3)) ON CONFLICT (list_sha, position) DO NOTHING",
                list)
        }
        return digest.list
    }

    /// The cases of a stored list, in order; nil when the store has no such list.
    static func fetchCases(list: String, _ db: any StoreConnection) throws -> [TestCase]? {
        let rows = try db.fetchAll(
            """
            SELECT cases.fields FROM case_lists JOIN cases ON cases.sha256 = case_lists.case_sha
            WHERE case_lists.list_sha = ? ORDER BY case_lists.position
            """,
            [list])
        guard !rows.isEmpty else { return nil }
        return try rows.map { row throws(RunStoreError) in try storedCase(row, list: list) }
    }

    /// Whether the store has a list of cases (a run's ``RunRecord/casesSHA256``) with at least one
    /// case.
    ///
    /// - Parameter list: The list's digest.
    /// - Throws: ``RunStoreError``.
    public func hasCases(list: String) throws(RunStoreError) -> Bool {
        try reading { db in try db.fetchOne("SELECT 1 FROM case_lists WHERE list_sha = ? LIMIT 1", [list]) != nil }
    }

    /// The cases of a stored list at some positions, by position (a position past the list's end
    /// has none): what a page of a run's results, or the few a ranking keeps, evaluated, read
    /// without the rest of the list.
    ///
    /// - Parameters:
    ///   - list: The list's digest.
    ///   - positions: The positions.
    /// - Returns: The cases found, by position.
    /// - Throws: ``RunStoreError``.
    public func cases(list: String, positions: some Collection<Int>) throws(RunStoreError) -> [Int: TestCase] {
        guard let lowest = positions.min(), let highest = positions.max() else { return [:] }
        let wanted = Set(positions)
        // A page's positions are a run of them: read as a range. Scattered ones (a ranking's) by name.
        let spread = highest - lowest + 1 <= 2 * wanted.count
        let condition = spread ? "case_lists.position >= ? AND case_lists.position <= ?"
            : "case_lists.position IN (\(Array(repeating: "?", count: wanted.count).joined(separator: ", ")))"
        let arguments: StoreArguments = spread ? [list, lowest, highest] : [list] + StoreArguments(wanted.sorted())
        return try reading { db in
            let rows = try db.fetchAll(
                """
                SELECT case_lists.position AS position, cases.fields AS fields FROM case_lists
                JOIN cases ON cases.sha256 = case_lists.case_sha WHERE case_lists.list_sha = ? AND \(condition)
                """,
                arguments)
            var found: [Int: TestCase] = [:]
            found.reserveCapacity(rows.count)
            for row in rows {
                let position: Int = try row.get("position")
                if wanted.contains(position) { found[position] = try Self.storedCase(row, list: list) }
            }
            return found
        }
    }

    /// A stored case's fields as a case.
    private static func storedCase(_ row: StoreRow, list: String) throws(RunStoreError) -> TestCase {
        guard let fields = try StoredRows.json(row.get("fields"), "a stored case of list \(list.prefix(12))").objectValue else {
            throw RunStoreError(.corrupt, "a stored case of list \(list.prefix(12)) is not a JSON object")
        }
        return TestCase(fields: fields)
    }

    /// How many distinct cases and case lists the store holds (for tests and `doctor`-style checks).
    ///
    /// - Returns: The number of rows of each table.
    /// - Throws: ``RunStoreError`` if the store cannot be read.
    public func storedCaseCounts() throws(RunStoreError) -> (cases: Int, listEntries: Int) {
        try reading { db in
            (try db.fetchValue("SELECT COUNT(*) FROM cases") ?? 0,
             try db.fetchValue("SELECT COUNT(*) FROM case_lists") ?? 0)
        }
    }
}
