import Foundation

/// The store's two databases. The store's SQL is written once, in the SQL both accept (upserts as
/// `INSERT … ON CONFLICT …`, which SQLite has had since 3.24); the few places where they differ
/// ask the dialect.
enum StoreDialect: Sendable {
    case sqlite
    case postgres

    /// The column that orders rows of `runs` by insertion, to break ties of `created_at`:
    /// SQLite's implicit `rowid`, PostgreSQL's `seq` (a BIGSERIAL column of its schema).
    var insertionOrder: String {
        switch self {
        case .sqlite: "rowid"
        case .postgres: "seq"
        }
    }
}

/// A row read from the store, its values by column name.
struct StoreRow: Sendable {
    /// The column names of the statement's result, shared by its rows.
    let columns: StoreColumns
    let values: [StoreValue]

    /// The value of a column, or nil when the column is NULL, absent, or of another kind.
    subscript<Value: StoreValueConvertible>(_ name: String) -> Value? {
        guard let index = columns.index[name] else { return nil }
        return Value.decode(values[index])
    }

    /// The value of a column that must be there: a NULL or a value of another kind means the store
    /// was damaged (or written by something else), which is reported rather than trapped.
    func get<Value: StoreValueConvertible>(_ name: String) throws(RunStoreError) -> Value {
        guard let index = columns.index[name] else {
            throw RunStoreError(.corrupt, "the run store has no column \(name) where one was expected")
        }
        guard let value = Value.decode(values[index]) else {
            throw RunStoreError(.corrupt, "the run store holds an unreadable \(name) (\(values[index]))")
        }
        return value
    }
}

/// The column names of a result, with their positions.
final class StoreColumns: Sendable {
    let names: [String]
    let index: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        self.index = index
    }
}

/// One database connection inside a read or a write transaction, on the driver's own thread.
///
/// Statements use `?` placeholders in both dialects (the PostgreSQL driver numbers them).
protocol StoreConnection: AnyObject {
    var dialect: StoreDialect { get }
    /// Runs a statement; returns the number of rows it inserted, updated or deleted.
    @discardableResult
    func execute(_ sql: String, _ arguments: StoreArguments) throws -> Int
    /// Runs a query and returns its rows.
    func fetchAll(_ sql: String, _ arguments: StoreArguments) throws -> [StoreRow]
}

extension StoreConnection {
    @discardableResult
    func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    /// The first row of a query, if any.
    func fetchOne(_ sql: String, _ arguments: StoreArguments = []) throws -> StoreRow? {
        try fetchAll(sql, arguments).first
    }

    /// The first column of the first row of a query, if any and not NULL.
    func fetchValue<Value: StoreValueConvertible>(_ sql: String, _ arguments: StoreArguments = []) throws -> Value? {
        guard let row = try fetchOne(sql, arguments), let first = row.values.first else { return nil }
        return Value.decode(first)
    }
}

/// A schema change, in the SQL of each database; the store applies each once, in order, and records
/// its name.
struct StoreMigration: Sendable {
    let name: String
    /// SQLite's statements, in one text.
    let sqlite: String
    /// PostgreSQL's statements, one each (its extended protocol takes one statement at a time).
    let postgres: [String]
}

/// One of the store's databases: SQLite through GRDB (``SQLiteStoreDriver``) or PostgreSQL through
/// postgres-nio (``PostgresStoreDriver``).
///
/// Transaction bodies are synchronous and run on threads of the driver's own, never on the Swift
/// concurrency pool: the asynchronous forms hand the body to such a thread and resume when it ends.
/// Every error a driver throws from these is a ``RunStoreError`` with a message for the user.
protocol StoreDriver: Sendable {
    var dialect: StoreDialect { get }
    /// Where the store is, for messages: a file path, "in memory", or a URL without its password.
    var place: String { get }
    /// A file path when the store is a file of this machine, else nil.
    var path: String? { get }

    func read<Value>(_ body: (any StoreConnection) throws -> Value) throws(RunStoreError) -> Value
    func write<Value>(_ body: (any StoreConnection) throws -> Value) throws(RunStoreError) -> Value
    func read<Value: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> Value) async throws(RunStoreError) -> Value
    func write<Value: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> Value) async throws(RunStoreError) -> Value

    /// Applies the migrations the database lacks, one process at a time; refuses (`schemaTooNew`)
    /// a database with a migration this list does not have.
    func migrate(_ migrations: [StoreMigration]) throws(RunStoreError)
    /// The names of the migrations the database has, in the order they were applied.
    func appliedMigrations() throws(RunStoreError) -> [String]
}
