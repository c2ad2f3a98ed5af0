import Foundation
internal import GRDB

/// The store in a SQLite file (or in memory), through GRDB.
///
/// The database is in WAL mode, so reads never wait for the runner's writes; writes are IMMEDIATE
/// transactions, and another process's write is waited for (up to 30 s) rather than failed.
final class SQLiteStoreDriver: StoreDriver {
    let dialect = StoreDialect.sqlite
    let path: String?
    private let database: any DatabaseWriter

    var place: String { path ?? "in memory" }

    /// The page size of new stores, in bytes.
    static let pageSize = 16384

    /// Opens (creating if needed, with its folder) the database file at a path.
    init(path: String) throws(RunStoreError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        } catch {
            throw RunStoreError(.cannotOpen, "cannot create the folder \(folder) for the run store: \(error.localizedDescription)")
        }
        do {
            database = try DatabasePool(path: path, configuration: Self.configuration())
        } catch {
            throw Self.mapped(error, place: path, opening: true)
        }
        self.path = path
    }

    /// Opens a database that lives in memory only.
    init() throws(RunStoreError) {
        do {
            database = try DatabaseQueue(configuration: Self.configuration())
        } catch {
            throw Self.mapped(error, place: "in memory", opening: true)
        }
        path = nil
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "assay.runs"
        // Another process (a second shell, a notebook, a script) may be writing: wait for it rather
        // than fail. Writes are IMMEDIATE transactions (GRDB's default), so waiting never deadlocks.
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // Takes effect only while the file is still empty (a new store); older stores keep
            // theirs. Cached embeddings are blobs of tens of KB (1.5 KB per token): with SQLite's
            // default 4 KB pages each spans about ten overflow pages, every one a frame of its own
            // in the write-ahead log, and the log reaches its checkpoint size four times as often.
            try db.execute(sql: "PRAGMA page_size = \(pageSize)")
            // In WAL mode, NORMAL survives a killed process (not a power cut) and makes commits cheap.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // SQLite's default page cache is 2 MB: a run of a few hundred thousand results, with the
            // response cache's index beside them, then reads index pages back from the file for
            // almost every batch it writes. 32 MB is taken only as pages are used.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        return configuration
    }

    func read<Value>(_ body: (any StoreConnection) throws -> Value) throws(RunStoreError) -> Value {
        do { return try database.read { try body(SQLiteConnection($0)) } } catch { throw Self.mapped(error, place: place) }
    }

    func write<Value>(_ body: (any StoreConnection) throws -> Value) throws(RunStoreError) -> Value {
        do { return try database.write { try body(SQLiteConnection($0)) } } catch { throw Self.mapped(error, place: place) }
    }

    func read<Value: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> Value) async throws(RunStoreError) -> Value {
        do { return try await database.read { try body(SQLiteConnection($0)) } } catch { throw Self.mapped(error, place: place) }
    }

    func write<Value: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> Value) async throws(RunStoreError) -> Value {
        do { return try await database.write { try body(SQLiteConnection($0)) } } catch { throw Self.mapped(error, place: place) }
    }

    /// Applies migrations through GRDB's migrator, which records them in `grdb_migrations` (where
    /// stores made by earlier versions have theirs), holding the file lock beside the store.
    func migrate(_ migrations: [StoreMigration]) throws(RunStoreError) {
        let migrator = Self.migrator(migrations)
        do {
            try Self.withMigrationLock(storePath: path) {
                if try database.read({ try migrator.hasBeenSuperseded($0) }) {
                    throw RunStoreError(
                        .schemaTooNew,
                        "the run store \(place) was written by a newer version of Assay; upgrade Assay or set ASSAY_HOME to use another store"
                    )
                }
                try migrator.migrate(database)
            }
        } catch {
            throw Self.mapped(error, place: place, opening: true)
        }
    }

    func appliedMigrations() throws(RunStoreError) -> [String] {
        do {
            return try database.read { db in
                guard try db.tableExists("grdb_migrations") else { return [] }
                return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            }
        } catch {
            throw Self.mapped(error, place: place)
        }
    }

    private static func migrator(_ migrations: [StoreMigration]) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            let sql = migration.sqlite
            migrator.registerMigration(migration.name) { db in try db.execute(sql: sql) }
        }
        return migrator
    }

    /// Runs `body` holding an exclusive lock on the file `STORE.lock` beside the store, so that
    /// processes opening one store at once migrate it one after another.
    ///
    /// The migrator reads which migrations a store has outside the transactions that apply them;
    /// without the lock, two processes opening a new store both apply the first migration and one
    /// fails ("table … already exists"). When the lock file cannot be made (a read-only folder),
    /// the store is opened without it, as before.
    private static func withMigrationLock<Value>(storePath: String?, _ body: () throws -> Value) throws -> Value {
        guard let storePath else { return try body() }
        let descriptor = open(storePath + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return try body() }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Turns any error of a database access into a ``RunStoreError`` with a message for the user.
    static func mapped(_ error: any Error, place: String, opening: Bool = false) -> RunStoreError {
        if let error = error as? RunStoreError { return error }
        guard let error = error as? DatabaseError else {
            if error is CancellationError { return RunStoreError(.database, "the run store access was cancelled") }
            return RunStoreError(.database, "the run store \(place) failed: \(error)")
        }
        let reason = error.message ?? "\(error.resultCode)"
        switch error.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return RunStoreError(.locked, "the run store \(place) is locked by another process (\(reason)); try again when it has finished")
        case .SQLITE_READONLY:
            return RunStoreError(.cannotWrite, "the run store \(place) is read-only (\(reason)): make the file and its folder "
                                 + "writable, or set ASSAY_HOME to a folder you can write to")
        case .SQLITE_FULL:
            return RunStoreError(.cannotWrite, "the run store \(place) cannot grow: its disk is full (\(reason)); free space on "
                                 + "that disk, or set ASSAY_HOME to a folder on another one")
        case .SQLITE_IOERR:
            return RunStoreError(.cannotWrite, "the run store \(place) could not be written (\(reason)): its disk may be full or "
                                 + "failing, or the file over the size limit of the process (ulimit -f); free space, or set "
                                 + "ASSAY_HOME to a folder on another disk")
        case .SQLITE_CANTOPEN, .SQLITE_PERM:
            return RunStoreError(.cannotOpen, "cannot open the run store \(place): \(reason)")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return RunStoreError(.corrupt, "the run store \(place) is damaged or not a database: \(reason)")
        default:
            return RunStoreError(opening ? .cannotOpen : .database, "the run store \(place) failed: \(reason)")
        }
    }
}

/// A GRDB database inside one of its transactions; valid only while the transaction's body runs.
private final class SQLiteConnection: StoreConnection {
    let dialect = StoreDialect.sqlite
    private let db: Database

    init(_ db: Database) { self.db = db }

    func execute(_ sql: String, _ arguments: StoreArguments) throws -> Int {
        // Cached statements: the store runs the same few statements many times (a batch of results
        // is one INSERT repeated), and preparing each once saves most of SQLite's work.
        let statement = try db.cachedStatement(sql: sql)
        try statement.execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func fetchAll(_ sql: String, _ arguments: StoreArguments) throws -> [StoreRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = StoreColumns(statement.columnNames)
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        var rows: [StoreRow] = []
        while let row = try cursor.next() {
            rows.append(StoreRow(columns: columns, values: row.databaseValues.map(Self.value)))
        }
        return rows
    }

    private static func arguments(_ arguments: StoreArguments) -> StatementArguments {
        StatementArguments(arguments.values.map { value -> DatabaseValue in
            switch value {
            case .null: .null
            case .integer(let integer): integer.databaseValue
            case .real(let real): real.databaseValue
            case .text(let text): text.databaseValue
            case .blob(let data): data.databaseValue
            }
        })
    }

    private static func value(_ value: DatabaseValue) -> StoreValue {
        switch value.storage {
        case .null: .null
        case .int64(let integer): .integer(integer)
        case .double(let real): .real(real)
        case .string(let text): .text(text)
        case .blob(let data): .blob(data)
        }
    }
}
