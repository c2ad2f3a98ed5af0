@testable import AssayEvaluation
import Foundation
import Testing

/// Which store a process opens: --store, ASSAY_STORE, the project's .assay/config.json, the default
/// SQLite file; and what a user reads when a PostgreSQL store cannot be reached.
struct StoreLocationTests {
    @Test func theCommandLineWinsOverTheEnvironmentWhichWinsOverTheProject() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path(".assay"), withIntermediateDirectories: true)
        _ = try folder.write(#"{"store": "postgres://team@db.internal/assay"}"#, to: ".assay/config.json")
        let environment = ["ASSAY_STORE": "postgres://me@127.0.0.1:6543/mine"]
        let explicit = try StoreLocation.resolve(explicit: "other.sqlite", environment: environment, currentDirectory: folder.url.path)
        #expect(explicit == .sqlite(path: URL(fileURLWithPath: folder.path("other.sqlite")).standardizedFileURL.path))
        let fromEnvironment = try StoreLocation.resolve(environment: environment, currentDirectory: folder.url.path)
        #expect(fromEnvironment.displayed == "postgres://me@127.0.0.1:6543/mine")
        let fromProject = try StoreLocation.resolve(environment: [:], currentDirectory: folder.url.path)
        #expect(fromProject.displayed == "postgres://team@db.internal:5432/assay")
        let fallback = try StoreLocation.resolve(environment: ["ASSAY_HOME": folder.path("home")], currentDirectory: "/")
        #expect(fallback == .sqlite(path: folder.path("home") + "/runs.sqlite"))
    }

    @Test func aURLsDefaultsComeFromTheEnvironmentAndItsPasswordIsNeverShown() throws {
        let bare = try StoreLocation.resolve(explicit: "postgres:///", environment: ["PGUSER": "ci", "PGPASSWORD": "hunter2"])
        guard case .postgres(let location) = bare else { Issue.record("a postgres URL names PostgreSQL"); return }
        #expect(location.user == "ci" && location.password == "hunter2" && location.database == "ci" && location.host == "localhost")
        #expect(location.tls == .prefer)
        let socket = try StoreLocation.resolve(explicit: "postgresql://a:s3cret@/db?host=/run/postgresql&sslmode=disable", environment: [:])
        #expect(socket.displayed == "postgres://a@localhost:5432 (socket /run/postgresql/.s.PGSQL.5432)/db")
        #expect(!socket.displayed.contains("s3cret"))
        #expect(PostgresLocation.withoutPassword("postgres://a:s3cret@h/db") == "postgres://a:<redacted>@h/db")
    }

    @Test("a bad URL or a project configuration that cannot be read is an error that says what to write", arguments: [
        ("mysql://h/db", "must be a postgres:// URL or a SQLite file's path"),
        ("postgres://a@h/db?pool=3", "option 'pool' is not known"),
        ("postgres://a@h/db?sslmode=verify", "sslmode must be disable, prefer or require"),
    ])
    func badLocations(_ text: String, _ message: String) throws {
        #expect(throws: RunStoreError.self) { try StoreLocation.resolve(explicit: text, environment: [:]) }
        do {
            _ = try StoreLocation.resolve(explicit: text, environment: [:])
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func anUnreachableServerIsNamedWithoutItsPassword() throws {
        let location = try StoreLocation.resolve(explicit: "postgres://bob:s3cret@127.0.0.1:1/x", environment: [:])
        do {
            _ = try RunStore.open(location)
            Issue.record("port 1 has no PostgreSQL server")
        } catch {
            #expect(error.code == .cannotOpen)
            #expect(error.message == "cannot reach the PostgreSQL server of the run store postgres://bob@127.0.0.1:1/x: "
                    + "the connection was refused; check that it runs and that ASSAY_STORE names it")
        }
    }
}
