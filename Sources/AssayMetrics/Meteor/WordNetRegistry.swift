import Foundation

/// Loads each WordNet directory at most once per process and shares the result.
final class WordNetRegistry: @unchecked Sendable {
    // Safe to share across threads: `databases` is only read or written while `lock` is
    // held, and the databases it stores are immutable `Sendable` objects.
    static let shared = WordNetRegistry()

    private let lock = NSLock()
    private var databases: [String: WordNetDatabase] = [:]

    /// The database of `directory`, loaded on first use.
    ///
    /// Loading happens under the lock, so concurrent first uses wait for one load instead of
    /// repeating it. Failures are not remembered: installing WordNet later takes effect.
    func database(directory: String) throws(WordNetError) -> WordNetDatabase {
        lock.lock()
        defer { lock.unlock() }
        if let database = databases[directory] {
            return database
        }
        let database = try WordNetDatabase(directory: directory)
        databases[directory] = database
        return database
    }
}
