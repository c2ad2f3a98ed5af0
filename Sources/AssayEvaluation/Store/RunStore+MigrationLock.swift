import Foundation

extension RunStore {
    /// Runs `body` holding an exclusive lock on the file `STORE.lock` beside the store, so that
    /// processes opening one store at once migrate it one after another.
    ///
    /// The migrator reads which migrations a store has outside the transactions that apply them;
    /// without the lock, two processes opening a new store both apply the first migration and one
    /// fails ("table … already exists"). When the lock file cannot be made (a read-only folder),
    /// the store is opened without it, as before.
    static func withMigrationLock<Value>(storePath: String?, _ body: () throws -> Value) throws -> Value {
        guard let storePath else { return try body() }
        let descriptor = open(storePath + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return try body() }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
