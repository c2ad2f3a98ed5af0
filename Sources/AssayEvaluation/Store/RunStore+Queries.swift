import Foundation

extension RunStore {
    /// The stored runs, newest first.
    ///
    /// - Parameter limit: The most runs to return; all by default.
    /// - Returns: The runs' records (without results).
    /// - Throws: ``RunStoreError``.
    public func runs(limit: Int? = nil) throws(RunStoreError) -> [RunRecord] {
        try reading { try Self.fetchRuns($0, limit: limit) }
    }

    /// The stored runs, newest first, without blocking the calling task's thread.
    ///
    /// - Parameter limit: The most runs to return; all by default.
    /// - Returns: The runs' records (without results).
    /// - Throws: ``RunStoreError``.
    public func runs(limit: Int? = nil) async throws(RunStoreError) -> [RunRecord] {
        try await reading { try Self.fetchRuns($0, limit: limit) }
    }

    /// The run a selector names: a unique prefix of its id (any case), `latest` (the newest run),
    /// `-1` (the same), `-2` (the one before), and so on.
    ///
    /// - Parameter selector: The selector.
    /// - Returns: The run's record.
    /// - Throws: ``RunStoreError`` with code `noSuchRun`, `ambiguousSelector` (listing the
    ///   candidates) or `invalidSelector`.
    public func select(_ selector: String) throws(RunStoreError) -> RunRecord {
        try reading { try Self.select(selector, in: $0) }
    }

    /// The run a selector names, without blocking the calling task's thread (see ``select(_:)``).
    ///
    /// - Parameter selector: The selector.
    /// - Returns: The run's record.
    /// - Throws: ``RunStoreError``.
    public func select(_ selector: String) async throws(RunStoreError) -> RunRecord {
        try await reading { try Self.select(selector, in: $0) }
    }

    /// The run with an id, if stored.
    ///
    /// - Parameter id: The run's id.
    /// - Returns: Its record, or nil.
    /// - Throws: ``RunStoreError``.
    public func record(id: UUID) throws(RunStoreError) -> RunRecord? {
        try reading { try Self.fetchRecord($0, id: id) }
    }

    /// The run with an id, if there is one, read without blocking the calling task's thread.
    func currentRecord(id: UUID) async throws(RunStoreError) -> RunRecord? {
        try await reading { try Self.fetchRecord($0, id: id) }
    }

    /// A run with all its case results, in suite order then sample order, and the cases it
    /// evaluated.
    ///
    /// - Parameter id: The run's id.
    /// - Returns: The run, its results and its cases.
    /// - Throws: ``RunStoreError`` with code `noSuchRun` when there is no such run.
    public func load(_ id: UUID) throws(RunStoreError) -> StoredRun {
        try reading { try Self.fetchStoredRun($0, id: id) }
    }

    /// A run with all its case results, without blocking the calling task's thread.
    ///
    /// - Parameter id: The run's id.
    /// - Returns: The run and its results.
    /// - Throws: ``RunStoreError`` with code `noSuchRun` when there is no such run.
    public func load(_ id: UUID) async throws(RunStoreError) -> StoredRun {
        try await reading { try Self.fetchStoredRun($0, id: id) }
    }

    /// A run and the cases it evaluated, without its results (``StoredRun/results`` is empty): for
    /// what reads the results a page at a time (``RunResults``).
    ///
    /// - Parameter id: The run's id.
    /// - Returns: The run and its cases.
    /// - Throws: ``RunStoreError`` with code `noSuchRun` when there is no such run.
    public func loadWithoutResults(_ id: UUID) throws(RunStoreError) -> StoredRun {
        try reading { try Self.fetchRunWithoutResults($0, id: id) }
    }

    /// A run and the cases it evaluated, without its results, read without blocking the calling
    /// task's thread (see ``loadWithoutResults(_:)``).
    ///
    /// - Parameter id: The run's id.
    /// - Returns: The run and its cases.
    /// - Throws: ``RunStoreError`` with code `noSuchRun` when there is no such run.
    public func loadWithoutResults(_ id: UUID) async throws(RunStoreError) -> StoredRun {
        try await reading { try Self.fetchRunWithoutResults($0, id: id) }
    }

    static func fetchRunWithoutResults(_ db: any StoreConnection, id: UUID) throws -> StoredRun {
        guard let record = try fetchRecord(db, id: id) else {
            throw RunStoreError(.noSuchRun, "no run has the id \(ConfigurationCoding.text(id))")
        }
        return StoredRun(record: record, results: [], cases: try record.casesSHA256.flatMap { try fetchCases(list: $0, db) })
    }

    /// Sets a run's status; a status other than `running` also records when it finished.
    ///
    /// - Parameters:
    ///   - status: The new status.
    ///   - id: The run's id.
    /// - Throws: ``RunStoreError`` with code `noSuchRun` when there is no such run.
    public func setStatus(_ status: RunStatus, of id: UUID) throws(RunStoreError) {
        try writing { try Self.updateStatus($0, status, id: id) }
    }

    /// Sets a run's status without blocking the calling task's thread (see ``setStatus(_:of:)``).
    ///
    /// - Parameters:
    ///   - status: The new status.
    ///   - id: The run's id.
    /// - Throws: ``RunStoreError``.
    public func setStatus(_ status: RunStatus, of id: UUID) async throws(RunStoreError) {
        try await writing { try Self.updateStatus($0, status, id: id) }
    }

    /// The text of a stored template.
    ///
    /// - Parameter sha256: The template's SHA-256.
    /// - Returns: Its system and user texts, or nil when no run used it.
    /// - Throws: ``RunStoreError``.
    public func template(sha256: String) throws(RunStoreError) -> (system: String?, user: String)? {
        try reading { db in
            try db.fetchOne("SELECT system, text FROM templates WHERE sha256 = ?", [sha256])
                .map { row throws(RunStoreError) in (system: row["system"], user: try row.get("text")) }
        }
    }

    /// The number of answers in the response cache.
    ///
    /// - Returns: The count.
    /// - Throws: ``RunStoreError``.
    public func cachedAnswerCount() throws(RunStoreError) -> Int {
        try reading { db in try db.fetchValue("SELECT COUNT(*) FROM cache") ?? 0 }
    }

    /// Removes every answer from the response cache; runs and their results stay.
    ///
    /// - Throws: ``RunStoreError``.
    public func clearCache() throws(RunStoreError) {
        try writing { db in try db.execute("DELETE FROM cache") }
    }

    static func fetchRuns(_ db: any StoreConnection, limit: Int?) throws -> [RunRecord] {
        let order = "ORDER BY created_at DESC, \(db.dialect.insertionOrder) DESC"
        if let limit {
            let sql = "SELECT \(StoredRows.runColumns) FROM runs \(order) LIMIT ?"
            return try db.fetchAll(sql, [max(0, limit)]).map { try StoredRows.record(from: $0) }
        }
        return try db.fetchAll("SELECT \(StoredRows.runColumns) FROM runs \(order)", []).map { try StoredRows.record(from: $0) }
    }

    static func fetchRecord(_ db: any StoreConnection, id: UUID) throws -> RunRecord? {
        let sql = "SELECT \(StoredRows.runColumns) FROM runs WHERE id = ?"
        return try db.fetchOne(sql, [ConfigurationCoding.text(id)]).map { try StoredRows.record(from: $0) }
    }

    static func fetchStoredRun(_ db: any StoreConnection, id: UUID) throws -> StoredRun {
        guard let record = try fetchRecord(db, id: id) else {
            throw RunStoreError(.noSuchRun, "no run has the id \(ConfigurationCoding.text(id))")
        }
        let sql = "SELECT \(StoredRows.resultColumns) FROM case_results WHERE run_id = ? ORDER BY position, sample, case_id"
        let results = try db.fetchAll(sql, [ConfigurationCoding.text(id)]).map { try StoredRows.result(from: $0) }
        let cases = try record.casesSHA256.flatMap { try fetchCases(list: $0, db) }
        return StoredRun(record: record, results: results, cases: cases)
    }

    static func updateStatus(_ db: any StoreConnection, _ status: RunStatus, id: UUID) throws {
        let finishedAt: Date? = status == .running ? nil : Date()
        // A run that runs again (resumed) gets a new summary when it stops, and this process takes
        // its lease.
        let lease = status == .running ? ", summary = NULL, owner = ?, heartbeat_at = ?" : ""
        let leaseArguments: StoreArguments = status == .running ? [RunLease.currentOwner, Date()] : []
        let changed = try db.execute(
            "UPDATE runs SET status = ?, finished_at = ?\(lease) WHERE id = ?",
            [status.rawValue, finishedAt] + leaseArguments + [ConfigurationCoding.text(id)]
        )
        if changed == 0 {
            throw RunStoreError(.noSuchRun, "no run has the id \(ConfigurationCoding.text(id))")
        }
    }
}
