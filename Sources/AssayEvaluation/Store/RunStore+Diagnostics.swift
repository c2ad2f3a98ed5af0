extension RunStore {
    /// Asks the database to check itself: SQLite's `PRAGMA integrity_check` on a SQLite store; a
    /// PostgreSQL server keeps its own consistency and is not asked.
    ///
    /// - Returns: The problems found; empty when the database is sound.
    /// - Throws: ``RunStoreError`` when the check cannot run.
    public func integrityCheck() throws(RunStoreError) -> [String] {
        guard driver.dialect == .sqlite else { return [] }
        let lines = try reading { db in try db.fetchAll("PRAGMA integrity_check", []).compactMap { $0.values.first.flatMap(String.decode) } }
        return lines == ["ok"] ? [] : lines
    }

    /// A SQLite store's journal mode (`wal` for a store on disk).
    func journalMode() throws(RunStoreError) -> String {
        try reading { db in try db.fetchValue("PRAGMA journal_mode") ?? "" }
    }

    /// A SQLite store's page size in bytes.
    func pageSize() throws(RunStoreError) -> Int {
        try reading { db in try db.fetchValue("PRAGMA page_size") ?? 0 }
    }

    /// The schema versions applied to the database, in the order of the schema (then any this
    /// build does not know).
    func appliedSchemaVersions() throws(RunStoreError) -> [String] {
        let applied = try driver.appliedMigrations()
        let known = Self.schemaVersions.filter(applied.contains)
        return known + applied.filter { !known.contains($0) }
    }
}
