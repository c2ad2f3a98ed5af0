import AssayCore
import Foundation

/// Which database a run store is: a SQLite file of this machine, or a PostgreSQL database a team
/// shares.
///
/// Chosen, first match wins, by `--store` on the command line, the `ASSAY_STORE` environment
/// variable, the `store` entry of the project's `.assay/config.json`, and otherwise the SQLite file
/// at ``RunStore/defaultPath(environment:currentDirectory:)``. A value starting `postgres://` or
/// `postgresql://` names a PostgreSQL database; any other value is a SQLite file's path.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// The project file that may name the store, inside the project's `.assay` folder.
    public static let configurationFileName = "config.json"

    /// The store a command line, the environment and the project name.
    ///
    /// - Parameters:
    ///   - explicit: The value of `--store`, if given.
    ///   - environment: The environment variables (`ASSAY_STORE`, `ASSAY_HOME`, `PGUSER`, `PGPASSWORD`, `USER`).
    ///   - currentDirectory: Where relative paths start and the project is looked for.
    /// - Returns: The location.
    /// - Throws: ``RunStoreError`` with code `cannotOpen` for a URL that cannot be read or a project
    ///   configuration that is not valid.
    public static func resolve(
        explicit: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) throws(RunStoreError) -> StoreLocation {
        if let explicit, !explicit.isEmpty {
            return try parse(explicit, relativeTo: currentDirectory, environment: environment, origin: "--store")
        }
        if let named = environment["ASSAY_STORE"], !named.isEmpty {
            return try parse(named, relativeTo: currentDirectory, environment: environment, origin: "ASSAY_STORE")
        }
        if let project = ConfigurationLocations.projectFolder(above: currentDirectory) {
            let file = URL(fileURLWithPath: project).appendingPathComponent(".assay").appendingPathComponent(configurationFileName).path
            if let named = try configuredStore(file) {
                return try parse(named, relativeTo: project, environment: environment, origin: file)
            }
        }
        return .sqlite(path: RunStore.defaultPath(environment: environment, currentDirectory: currentDirectory))
    }

    /// Where the store is, for messages: a file path or a URL without its password.
    public var displayed: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.displayed
        }
    }

    private static func parse(
        _ text: String, relativeTo folder: String, environment: [String: String], origin: String
    ) throws(RunStoreError) -> StoreLocation {
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            return .postgres(try PostgresLocation(url: text, environment: environment, origin: origin))
        }
        if lowered.contains("://") {
            throw RunStoreError(.cannotOpen, "\(origin): the store must be a postgres:// URL or a SQLite file's path, not '\(text.prefix(40))…'")
        }
        let path = text.hasPrefix("/") ? text : URL(fileURLWithPath: folder).appendingPathComponent(text).standardizedFileURL.path
        return .sqlite(path: path)
    }

    /// The `store` of a project's `.assay/config.json`, if the file exists and has one.
    private static func configuredStore(_ path: String) throws(RunStoreError) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let value: JSONValue
        do {
            value = try JSONValue.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw RunStoreError(.cannotOpen, "\(path): \(error)")
        }
        guard let object = value.objectValue else {
            throw RunStoreError(.cannotOpen, "\(path): expected an object such as {\"store\": \"postgres://user@host/db\"}")
        }
        guard let store = object["store"] else { return nil }
        guard let text = store.stringValue else {
            throw RunStoreError(.cannotOpen, "\(path): \"store\" must be a text (a postgres:// URL or a SQLite file's path)")
        }
        return text
    }
}

/// A PostgreSQL database named by a URL, `postgres://user[:password]@host[:port]/database`, with
/// `?sslmode=disable|prefer|require` (prefer by default) and `?host=/folder` for a Unix socket.
///
/// Without a user in the URL, `PGUSER` or else `USER` is used; without a password, `PGPASSWORD`; the
/// database defaults to the user's name. The password never appears in ``displayed``, which is what
/// messages, logs and the store's records show.
public struct PostgresLocation: Sendable, Equatable {
    public enum TLS: String, Sendable {
        case disable, prefer, require
    }

    public let host: String
    public let port: Int
    public let user: String
    let password: String?
    public let database: String
    public let tls: TLS
    /// The server's Unix socket, when `?host=` names a folder.
    public let socketPath: String?

    init(url text: String, environment: [String: String], origin: String) throws(RunStoreError) {
        let shown = Self.withoutPassword(text)
        guard let components = URLComponents(string: text) else {
            throw RunStoreError(.cannotOpen, "\(origin): '\(shown)' is not a URL such as postgres://user@localhost:5432/assay")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        for name in query.keys where !["sslmode", "host"].contains(name) {
            throw RunStoreError(.cannotOpen, "\(origin): the store URL's option '\(name)' is not known; use sslmode or host")
        }
        let mode = query["sslmode"] ?? "prefer"
        guard let tls = TLS(rawValue: mode) else {
            throw RunStoreError(.cannotOpen, "\(origin): sslmode must be disable, prefer or require, not '\(mode)'")
        }
        self.tls = tls
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        port = components.port ?? 5432
        guard (1 ... 65535).contains(port) else { throw RunStoreError(.cannotOpen, "\(origin): the port \(port) is out of range") }
        guard let user = components.user.flatMap({ $0.isEmpty ? nil : $0 }) ?? environment["PGUSER"] ?? environment["USER"] else {
            throw RunStoreError(.cannotOpen, "\(origin): the store URL names no user; write postgres://USER@host/database")
        }
        self.user = user
        password = components.password ?? environment["PGPASSWORD"]
        let name = String(components.path.drop { $0 == "/" })
        database = name.isEmpty ? user : name
        if let folder = query["host"], folder.hasPrefix("/") {
            socketPath = URL(fileURLWithPath: folder).appendingPathComponent(".s.PGSQL.\(port)").path
        } else {
            socketPath = nil
        }
    }

    /// The same server and user, another database.
    func naming(database name: String) -> PostgresLocation {
        PostgresLocation(host: host, port: port, user: user, password: password, database: name, tls: tls, socketPath: socketPath)
    }

    private init(host: String, port: Int, user: String, password: String?, database: String, tls: TLS, socketPath: String?) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
        self.socketPath = socketPath
    }

    /// The URL without its password: `postgres://user@host:port/database`.
    public var displayed: String {
        let server = socketPath.map { "\(host):\(port) (socket \($0))" } ?? "\(host):\(port)"
        return "postgres://\(user)@\(server)/\(database)"
    }

    /// A URL text with any password replaced, for messages about URLs that could not be read.
    static func withoutPassword(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@") else { return text }
        let credentials = text[scheme.upperBound ..< at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":<redacted>" + String(text[at...])
    }
}

extension RunStore {
    /// Opens (creating if needed) the store at a location and brings its schema up to date.
    ///
    /// - Parameter location: The SQLite file or the PostgreSQL database.
    /// - Returns: The store.
    /// - Throws: ``RunStoreError`` with code `cannotOpen`, `cannotWrite`, `schemaTooNew`, `locked` or `corrupt`.
    public static func open(_ location: StoreLocation) throws(RunStoreError) -> RunStore {
        switch location {
        case .sqlite(let path): try RunStore(path: path)
        case .postgres(let database): try RunStore(driver: PostgresStoreDriver(database))
        }
    }
}
