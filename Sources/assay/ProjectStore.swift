import AssayEvaluation
import Foundation

/// The run store and files of the project the command runs in, for the subcommands that call the
/// engine directly (`export`, `report`).
enum ProjectStore {
    /// The folder the command runs in.
    static var directory: String { FileManager.default.currentDirectoryPath }

    /// The project's run store (see ``StoreLocation``: `--store`, `ASSAY_STORE`, `.assay/config.json`,
    /// else the SQLite file `.assay/runs.sqlite`).
    static func open() throws(RunStoreError) -> RunStore {
        try RunStore.open(StoreLocation.resolve(environment: ProcessInfo.processInfo.environment, currentDirectory: directory))
    }

    /// A stored run by selector (an id prefix, `latest`, `-1` …).
    static func load(_ selector: String, from store: RunStore) throws(RunStoreError) -> StoredRun {
        try store.load(try store.select(selector).id)
    }

    /// Writes text to a path relative to the folder the command runs in.
    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: Self.path(path), atomically: true, encoding: .utf8)
    }

    /// A path relative to the folder the command runs in, made absolute.
    static func path(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).path
    }
}
