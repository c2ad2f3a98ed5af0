import Dispatch
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// The store in a PostgreSQL database a team shares, through postgres-nio.
///
/// Transaction bodies are synchronous (the store's SQL is the same for both databases) and run on
/// the caller's thread for the synchronous forms and on a Dispatch queue of the driver's own for the
/// asynchronous ones; each statement waits for postgres-nio's future, which its event loops fulfil,
/// so no Swift concurrency thread is ever blocked by the asynchronous forms. Connections are kept in
/// a small pool. A transaction PostgreSQL aborts for a deadlock or a serialisation failure (two
/// writers inserting results of one run at once) runs again, up to ``retries`` times.
final class PostgresStoreDriver: StoreDriver {
    let dialect = StoreDialect.postgres
    let path: String? = nil
    let place: String
    private let configuration: PostgresConnection.Configuration
    private let idle = Mutex<[PostgresConnection]>([])
    private let slots: DispatchSemaphore
    private let queue = DispatchQueue(label: "assay.store.postgres", attributes: .concurrent)
    private let logger = Logger(label: "assay.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    private let nextID = Atomic<Int>(0)

    /// The most connections a process opens to the server.
    static let maximumConnections = 8
    /// How many times a transaction aborted by a deadlock or a serialisation failure runs again.
    static let retries = 5

    /// Connects to the database a location names, to check it can, and keeps the connection.
    init(_ location: PostgresLocation) throws(RunStoreError) {
        place = location.displayed
        slots = DispatchSemaphore(value: Self.maximumConnections)
        var configuration: PostgresConnection.Configuration
        if let socket = location.socketPath {
            configuration = .init(unixSocketPath: socket, username: location.user, password: location.password, database: location.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch location.tls {
            case .disable:
                tls = .disable
            case .prefer, .require:
                let context: NIOSSLContext
                do {
                    context = try NIOSSLContext(configuration: .makeClientConfiguration())
                } catch {
                    throw RunStoreError(.cannotOpen, "cannot set up TLS for the run store \(location.displayed): \(error)")
                }
                tls = location.tls == .require ? .require(context) : .prefer(context)
            }
            configuration = .init(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        self.configuration = configuration
        let connection = try connect()
        idle.withLock { $0.append(connection) }
    }

    deinit {
        for connection in idle.withLock({ $0 }) { Self.close(connection) }
    }

    /// Closes a connection without waiting; the connection is kept until it has closed (postgres-nio
    /// requires a connection to be closed before it is released).
    private static func close(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    // MARK: Transactions

    func read<Value>(_ body: (any StoreConnection) throws -> Value) throws(RunStoreError) -> Value {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    func write<Value>(_ body: (any StoreConnection) throws -> Value) throws(RunStoreError) -> Value {
        try transaction(begin: "BEGIN", body)
    }

    func read<Value: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> Value) async throws(RunStoreError) -> Value {
        try await onQueue { () throws(RunStoreError) in try self.read(body) }
    }

    func write<Value: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> Value) async throws(RunStoreError) -> Value {
        try await onQueue { () throws(RunStoreError) in try self.write(body) }
    }

    /// Runs blocking work on the driver's queue and resumes the calling task when it ends.
    private func onQueue<Value: Sendable>(_ work: @escaping @Sendable () throws(RunStoreError) -> Value) async throws(RunStoreError) -> Value {
        let result: Result<Value, RunStoreError> = await withCheckedContinuation { continuation in
            queue.async {
                do throws(RunStoreError) {
                    continuation.resume(returning: .success(try work()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    private func transaction<Value>(begin: String, _ body: (any StoreConnection) throws -> Value) throws(RunStoreError) -> Value {
        try withConnection { connection throws(RunStoreError) in
            var attempt = 0
            while true {
                attempt += 1
                do {
                    try connection.run(begin)
                    let value = try body(connection)
                    try connection.run("COMMIT")
                    return value
                } catch {
                    _ = try? connection.run("ROLLBACK")
                    let mapped = mapped(error)
                    if attempt <= Self.retries, Self.isTransient(error) { continue }
                    throw mapped
                }
            }
        }
    }

    /// Lends a pooled connection (opening one when none is idle) and takes it back after.
    private func withConnection<Value>(_ body: (PostgresStoreConnection) throws(RunStoreError) -> Value) throws(RunStoreError) -> Value {
        slots.wait()
        defer { slots.signal() }
        var pooled = idle.withLock { $0.popLast() }
        if let connection = pooled, connection.isClosed {
            pooled = nil
        }
        let connection: PostgresConnection
        if let pooled { connection = pooled } else { connection = try connect() }
        let wrapped = PostgresStoreConnection(connection: connection, logger: logger)
        do {
            let value = try body(wrapped)
            idle.withLock { $0.append(connection) }
            return value
        } catch {
            // A connection that failed may be in any state; a healthy one goes back to the pool.
            if !connection.isClosed, (try? wrapped.run("SELECT 1")) != nil {
                idle.withLock { $0.append(connection) }
            } else {
                Self.close(connection)
            }
            throw error
        }
    }

    private func connect() throws(RunStoreError) -> PostgresConnection {
        let id = nextID.add(1, ordering: .relaxed).newValue
        do {
            return try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: id, logger: logger
            ).wait()
        } catch {
            throw mapped(error, opening: true)
        }
    }

    /// Runs one statement outside any transaction: `CREATE DATABASE` and `DROP DATABASE`, which
    /// PostgreSQL refuses inside one (for tests and set-up).
    func executeOutsideTransaction(_ sql: String) throws(RunStoreError) {
        try withConnection { connection throws(RunStoreError) in
            do { try connection.run(sql) } catch { throw mapped(error) }
        }
    }

    // MARK: Migrations

    /// An arbitrary constant: the advisory lock that processes migrating one database take in turn.
    private static let migrationLock: Int64 = 0x4153_5341_5900_0001

    func migrate(_ migrations: [StoreMigration]) throws(RunStoreError) {
        try withConnection { connection throws(RunStoreError) in
            do {
                try connection.run("SELECT pg_advisory_lock(?)", [Self.migrationLock])
                defer { _ = try? connection.run("SELECT pg_advisory_unlock(?)", [Self.migrationLock]) }
                try connection.run("""
                    CREATE TABLE IF NOT EXISTS assay_migrations (
                        position BIGSERIAL PRIMARY KEY, name TEXT UNIQUE NOT NULL, applied_at TEXT NOT NULL)
                    """)
                let applied = try Self.applied(connection)
                let known = Set(migrations.map(\.name))
                if let unknown = applied.first(where: { !known.contains($0) }) {
                    throw RunStoreError(
                        .schemaTooNew,
                        "the run store \(place) was written by a newer version of Assay (it has the schema version '\(unknown)'); "
                            + "upgrade Assay or point ASSAY_STORE at another database")
                }
                for migration in migrations where !applied.contains(migration.name) {
                    try connection.run("BEGIN")
                    do {
                        for statement in migration.postgres { try connection.run(statement) }
                        try connection.run("INSERT INTO assay_migrations (name, applied_at) VALUES (?, ?)", [migration.name, Date()])
                        try connection.run("COMMIT")
                    } catch {
                        _ = try? connection.run("ROLLBACK")
                        throw error
                    }
                }
            } catch {
                throw mapped(error, opening: true)
            }
        }
    }

    func appliedMigrations() throws(RunStoreError) -> [String] {
        try withConnection { connection throws(RunStoreError) in
            do { return try Self.applied(connection) } catch { throw mapped(error) }
        }
    }

    private static func applied(_ connection: PostgresStoreConnection) throws -> [String] {
        guard try connection.fetchOne("SELECT to_regclass('assay_migrations') IS NOT NULL AS present", [])?["present"] == true else {
            return []
        }
        return try connection.fetchAll("SELECT name FROM assay_migrations ORDER BY position", []).compactMap { $0["name"] }
    }

    // MARK: Errors

    /// Whether PostgreSQL aborted a transaction that may succeed when run again: a serialisation
    /// failure (40001) or a deadlock (40P01).
    private static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }

    /// A connection failure as words (told apart as the HTTP clients' failures are).
    static func connectionProblem(_ error: any Error) -> String {
        switch HTTPFailureText.problem(error) {
        case .refused: "the connection was refused"
        case .unknownHost: "the host name is not known"
        case .tls(let text): "TLS failed (\(text))"
        case .closed: "the server closed the connection"
        case .unreachable: "the network cannot reach it"
        case .connectTimeout: "it did not answer within 10 s"
        case .other(let text): text
        }
    }

    /// A ``RunStoreError`` for any error of a database access, naming the server without its
    /// password; the server's own message is kept, the statement and its values are not.
    func mapped(_ error: any Error, opening: Bool = false) -> RunStoreError {
        if let error = error as? RunStoreError { return error }
        guard let error = error as? PSQLError else {
            return RunStoreError(opening ? .cannotOpen : .database, "the run store \(place) failed: \(error)")
        }
        if let info = error.serverInfo {
            let message = info[.message] ?? "an error"
            let state = info[.sqlState] ?? ""
            let hint = info[.hint].map { " (\($0))" } ?? ""
            switch state {
            case "28000", "28P01":
                return RunStoreError(.cannotOpen, "the PostgreSQL server of the run store \(place) refused the login: \(message); "
                                     + "check the user and password of ASSAY_STORE")
            case "3D000":
                return RunStoreError(.cannotOpen, "the run store \(place) names a database that does not exist: \(message); "
                                     + "create it (createdb) or name another")
            case "53100":
                return RunStoreError(.cannotWrite, "the run store \(place) cannot grow: \(message)")
            case "25006", "42501":
                return RunStoreError(.cannotWrite, "the run store \(place) may not be written: \(message)")
            case "57014":
                return RunStoreError(.database, "the run store access was cancelled (\(message))")
            default:
                return RunStoreError(opening ? .cannotOpen : .database, "the run store \(place) failed: \(message)\(hint) [\(state)]")
            }
        }
        let cause = error.underlying.map { ": " + Self.connectionProblem($0) } ?? ""
        if error.code == .connectionError || error.code == .serverClosedConnection || error.code == .uncleanShutdown {
            return RunStoreError(opening ? .cannotOpen : .database,
                                 "cannot reach the PostgreSQL server of the run store \(place)\(cause); check that it runs and that ASSAY_STORE names it")
        }
        return RunStoreError(opening ? .cannotOpen : .database, "the run store \(place) failed (\(error.code))\(cause)")
    }
}

/// A PostgreSQL connection lent to one transaction body.
final class PostgresStoreConnection: StoreConnection {
    let dialect = StoreDialect.postgres
    private let connection: PostgresConnection
    private let logger: Logger

    fileprivate init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    func execute(_ sql: String, _ arguments: StoreArguments) throws -> Int {
        try query(sql, arguments).metadata.rows ?? 0
    }

    func fetchAll(_ sql: String, _ arguments: StoreArguments) throws -> [StoreRow] {
        let result = try query(sql, arguments)
        guard let first = result.rows.first else { return [] }
        let columns = StoreColumns(first.map(\.columnName))
        return try result.rows.map { row in StoreRow(columns: columns, values: try row.map(Self.value)) }
    }

    /// Runs a statement whose result is not needed.
    fileprivate func run(_ sql: String, _ arguments: StoreArguments = []) throws {
        _ = try query(sql, arguments)
    }

    private func query(_ sql: String, _ arguments: StoreArguments) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: arguments.values.count)
        for value in arguments.values {
            switch value {
            case .null: binds.appendNull()
            case .integer(let integer): binds.append(integer)
            case .real(let real): binds.append(real)
            case .text(let text): binds.append(text)
            case .blob(let data): try binds.append(data)
            }
        }
        return try connection.query(PostgresQuery(unsafeSQL: Self.numbered(sql), binds: binds), logger: logger).wait()
    }

    /// The statement with its `?` placeholders numbered as PostgreSQL's `$1`, `$2`, …; a `?` inside
    /// a quoted string or identifier stays.
    static func numbered(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func value(_ cell: PostgresCell) throws -> StoreValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea: return .blob(try cell.decode(Data.self))
        default: return .text(try cell.decode(String.self))
        }
    }
}
