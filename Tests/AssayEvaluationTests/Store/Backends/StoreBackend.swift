@testable import AssayEvaluation
import Foundation
import Testing

/// The databases the store behaviour suite runs against: SQLite always, PostgreSQL when
/// `ASSAY_TEST_POSTGRES` names a server (scripts/test starts one on loopback and sets it). Under CI
/// (`CI=true`) PostgreSQL is always among them, so that a missing server fails rather than skips.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static var available: [StoreBackend] {
        let environment = ProcessInfo.processInfo.environment
        let postgres = environment["ASSAY_TEST_POSTGRES"].map { !$0.isEmpty } ?? false || environment["CI"] == "true"
        return postgres ? [.sqlite, .postgres] : [.sqlite]
    }

    /// The admin URL of the test server.
    static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["ASSAY_TEST_POSTGRES"], !url.isEmpty else {
            throw StoreBackendError.noServer
        }
        return url
    }

    /// A new, empty store of this kind: a SQLite file in a temporary folder, or a database of its
    /// own on the test server. `remove()` deletes it.
    func makeStore() throws -> TestStore {
        switch self {
        case .sqlite:
            let folder = try TemporaryDirectory()
            let location = StoreLocation.sqlite(path: folder.path("runs.sqlite"))
            return TestStore(store: try RunStore.open(location), location: location) { folder.remove() }
        case .postgres:
            let admin = try Self.adminLocation()
            let driver = try PostgresStoreDriver(admin)
            let name = "assay_test_\(UUID().uuidString.prefix(8).lowercased())"
            try driver.executeOutsideTransaction("CREATE DATABASE \(name)")
            let location = StoreLocation.postgres(admin.naming(database: name))
            return TestStore(store: try RunStore.open(location), location: location) {
                try? driver.executeOutsideTransaction("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            }
        }
    }

    static func adminLocation() throws -> PostgresLocation {
        guard case .postgres(let location) = try StoreLocation.resolve(explicit: serverURL(), environment: [:]) else {
            throw StoreBackendError.noServer
        }
        return location
    }
}

enum StoreBackendError: Error, CustomStringConvertible {
    case noServer

    var description: String {
        "ASSAY_TEST_POSTGRES is not set: run scripts/test, which starts a PostgreSQL server on loopback, "
            + "or set it to postgres://USER@HOST:PORT/postgres"
    }
}

/// A store made for one test, and how to remove it.
struct TestStore {
    let store: RunStore
    let location: StoreLocation
    let remove: () -> Void

    /// A second store at the same location, as another process would open it.
    func reopened() throws -> RunStore { try RunStore.open(location) }

    /// What `--store` and `ASSAY_STORE` take to open this store: a file's path, or a URL (the test
    /// server trusts loopback, so it has no password).
    var url: String {
        switch location {
        case .sqlite(let path): path
        case .postgres(let location): "postgres://\(location.user)@\(location.host):\(location.port)/\(location.database)?sslmode=disable"
        }
    }
}
