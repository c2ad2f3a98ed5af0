import Foundation
internal import GRDB

/// The SQLite database of runs, their case results, templates by hash, and the response cache.
///
/// The database is in WAL mode, so reads never wait for the runner's writes. Results are written as
/// cases finish (in batches, see ``Runner``), so a killed process loses at most the last fraction of
/// a second of work, which ``Runner/resume(_:with:progress:)`` fills in. Every query has a
/// synchronous form, for callers on threads of their own, and an asynchronous one, which never
/// blocks a Swift concurrency thread. No secret is ever stored: models appear only as their
/// descriptors.
public final class RunStore: Sendable {
    /// The database file's path, or nil for an in-memory store.
    public let path: String?
    let database: any DatabaseWriter

    /// Opens (creating if needed, with its folder) the store at a path and brings its schema up to
    /// date.
    ///
    /// - Parameter path: The database file's path.
    /// - Throws: ``RunStoreError`` with code `cannotOpen`, `cannotWrite`, `schemaTooNew`, `locked` or `corrupt`.
    public convenience init(path: String) throws(RunStoreError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        } catch {
            throw RunStoreError(.cannotOpen, "cannot create the folder \(folder) for the run store: \(error.localizedDescription)")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration())
        } catch {
            throw Self.mapped(error, path: path, opening: true)
        }
        try self.init(database: pool, path: path)
    }

    /// Opens a store that lives in memory only, for tests and throwaway sessions.
    ///
    /// - Returns: An empty store.
    /// - Throws: ``RunStoreError`` if SQLite cannot create it.
    public static func inMemory() throws(RunStoreError) -> RunStore {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: configuration())
        } catch {
            throw mapped(error, path: nil, opening: true)
        }
        return try RunStore(database: queue, path: nil)
    }

    private init(database: any DatabaseWriter, path: String?) throws(RunStoreError) {
        self.database = database
        self.path = path
        try migrate()
    }

    /// Opens the store at ``defaultPath(environment:currentDirectory:)``.
    ///
    /// - Throws: ``RunStoreError`` as ``init(path:)`` does.
    public static func openDefault() throws(RunStoreError) -> RunStore {
        try RunStore(path: defaultPath())
    }

    /// The page size of new stores, in bytes.
    static let pageSize = 16384

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
        }
        return configuration
    }

    private func migrate() throws(RunStoreError) {
        let migrator = Self.migrator
        do {
            try Self.withMigrationLock(storePath: path) {
                if try database.read({ try migrator.hasBeenSuperseded($0) }) {
                    throw RunStoreError(
                        .schemaTooNew,
                        "the run store \(path ?? "in memory") was written by a newer version of Assay; upgrade Assay or set ASSAY_HOME to use another store"
                    )
                }
                try migrator.migrate(database)
            }
        } catch {
            throw Self.mapped(error, path: path, opening: true)
        }
    }

    /// Runs a read on the calling thread.
    func reading<Value>(_ body: (Database) throws -> Value) throws(RunStoreError) -> Value {
        do { return try database.read(body) } catch { throw Self.mapped(error, path: path) }
    }

    /// Runs a read without blocking the calling task's thread.
    func reading<Value: Sendable>(_ body: @escaping @Sendable (Database) throws -> Value) async throws(RunStoreError) -> Value {
        do { return try await database.read(body) } catch { throw Self.mapped(error, path: path) }
    }

    /// Runs a write transaction on the calling thread.
    func writing<Value>(_ body: (Database) throws -> Value) throws(RunStoreError) -> Value {
        do { return try database.write(body) } catch { throw Self.mapped(error, path: path) }
    }

    /// Runs a write transaction without blocking the calling task's thread.
    func writing<Value: Sendable>(_ body: @escaping @Sendable (Database) throws -> Value) async throws(RunStoreError) -> Value {
        do { return try await database.write(body) } catch { throw Self.mapped(error, path: path) }
    }

    /// Turns any error of a database access into a ``RunStoreError`` with a message for the user.
    static func mapped(_ error: any Error, path: String?, opening: Bool = false) -> RunStoreError {
        if let error = error as? RunStoreError { return error }
        let place = path ?? "in memory"
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
