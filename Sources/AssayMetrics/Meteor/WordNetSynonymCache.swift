import Foundation

/// Remembers the single-word synonyms of words already looked up, for one database.
///
/// METEOR asks for the same words over and over (text follows Zipf's law), and a lookup
/// parses several synset lines; the cache makes repeats a dictionary hit. It is bounded:
/// when it reaches ``capacity`` entries it starts again from empty.
final class WordNetSynonymCache: @unchecked Sendable {
    // Safe to share across threads: `entries` is only read or written while `lock` is
    // held; keys and values are value types copied in and out.
    static let capacity = 100_000

    private let lock = NSLock()
    private var entries: [[Unicode.Scalar]: Set<[UInt8]>] = [:]

    func value(for word: [Unicode.Scalar]) -> Set<[UInt8]>? {
        lock.lock()
        defer { lock.unlock() }
        return entries[word]
    }

    func store(_ synonyms: Set<[UInt8]>, for word: [Unicode.Scalar]) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= Self.capacity {
            entries.removeAll(keepingCapacity: true)
        }
        entries[word] = synonyms
    }
}
