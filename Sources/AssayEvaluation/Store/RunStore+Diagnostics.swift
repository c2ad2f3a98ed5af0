internal import GRDB

extension RunStore {
    /// Asks SQLite to check the whole database file.
    ///
    /// - Returns: The problems found; empty when the database is sound.
    /// - Throws: ``RunStoreError`` when the check cannot run.
    public func integrityCheck() throws(RunStoreError) -> [String] {
        let lines = try reading { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        return lines == ["ok"] ? [] : lines
    }

    /// The database's journal mode (`wal` for a store on disk).
    func journalMode() throws(RunStoreError) -> String {
        try reading { try String.fetchOne($0, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// The database's page size in bytes.
    func pageSize() throws(RunStoreError) -> Int {
        try reading { try Int.fetchOne($0, sql: "PRAGMA page_size") ?? 0 }
    }

    /// The schema versions applied to the database, oldest first.
    func appliedSchemaVersions() throws(RunStoreError) -> [String] {
        let migrator = Self.migrator
        return try reading { try migrator.appliedMigrations($0) }
    }
}
