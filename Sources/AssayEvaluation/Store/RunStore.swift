import Foundation

/// The database of runs, their case results, templates by hash, the cases runs evaluated, the
/// response cache and the embedding cache: a SQLite file by default, or a PostgreSQL database a team
/// shares (see ``StoreLocation``).
///
/// Results are written as cases finish (in batches, see ``Runner``), so a killed process loses at
/// most the last fraction of a second of work, which ``Runner/resume(_:with:progress:)`` fills in.
/// Every query has a synchronous form, for callers on threads of their own, and an asynchronous one,
/// which never blocks a Swift concurrency thread. The store's SQL is written once, for both
/// databases (see ``StoreConnection``). No secret is ever stored: models appear only as their
/// descriptors.
public final class RunStore: Sendable {
    /// The database file's path, or nil for an in-memory store or a PostgreSQL one.
    public var path: String? { driver.path }
    /// Where the store is, for messages: a file path, "in memory", or a URL without its password.
    public var place: String { driver.place }
    let driver: any StoreDriver

    /// Opens (creating if needed, with its folder) the SQLite store at a path and brings its schema
    /// up to date.
    ///
    /// - Parameter path: The database file's path.
    /// - Throws: ``RunStoreError`` with code `cannotOpen`, `cannotWrite`, `schemaTooNew`, `locked` or `corrupt`.
    public convenience init(path: String) throws(RunStoreError) {
        try self.init(driver: SQLiteStoreDriver(path: path))
    }

    /// Opens a store that lives in memory only, for tests and throwaway sessions.
    ///
    /// - Returns: An empty store.
    /// - Throws: ``RunStoreError`` if SQLite cannot create it.
    public static func inMemory() throws(RunStoreError) -> RunStore {
        try RunStore(driver: SQLiteStoreDriver())
    }

    init(driver: any StoreDriver) throws(RunStoreError) {
        self.driver = driver
        try driver.migrate(Self.migrations)
    }

    /// Opens the store at ``defaultPath(environment:currentDirectory:)``.
    ///
    /// - Throws: ``RunStoreError`` as ``init(path:)`` does.
    public static func openDefault() throws(RunStoreError) -> RunStore {
        try RunStore(path: defaultPath())
    }

    /// `(?, ?), (?, ?), …`: the placeholders of `count` rows of `width` values.
    static func rows(_ count: Int, of width: Int) -> String {
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        return Array(repeating: row, count: count).joined(separator: ", ")
    }

    /// Runs a read on the calling thread.
    func reading<Value>(_ body: (any StoreConnection) throws -> Value) throws(RunStoreError) -> Value {
        try driver.read(body)
    }

    /// Runs a read without blocking the calling task's thread.
    func reading<Value: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> Value) async throws(RunStoreError) -> Value {
        try await driver.read(body)
    }

    /// Runs a write transaction on the calling thread.
    @discardableResult
    func writing<Value>(_ body: (any StoreConnection) throws -> Value) throws(RunStoreError) -> Value {
        try driver.write(body)
    }

    /// Runs a write transaction without blocking the calling task's thread.
    @discardableResult
    func writing<Value: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> Value) async throws(RunStoreError) -> Value {
        try await driver.write(body)
    }
}
