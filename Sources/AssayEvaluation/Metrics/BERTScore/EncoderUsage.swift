import Foundation
import Synchronization

/// How many texts BERTScore encoded and how many it found in the embedding cache, per run store.
///
/// Counted per store (one per `ASSAY_HOME` or project) so that `bertscore_cache()` reports what
/// this session's store saw, even when several sessions share the process.
package final class EncoderUsage: Sendable {
    /// The counts of one store.
    package struct Counts: Sendable, Equatable {
        /// Texts that went through the encoder.
        package var encoded = 0
        /// Texts whose embeddings came from the cache.
        package var cached = 0
        /// Passes of the encoder: the texts of calls made at the same time share one.
        package var passes = 0
    }

    private let counts = Mutex(Counts())
    private static let byStore = Mutex<[String: EncoderUsage]>([:])

    /// The counter of a store, by its path (nil for a store in memory or none).
    package static func forStore(_ path: String?) -> EncoderUsage {
        byStore.withLock { table in
            let key = path ?? ""
            if let usage = table[key] { return usage }
            let usage = EncoderUsage()
            table[key] = usage
            return usage
        }
    }

    /// Adds to the counts.
    func record(encoded: Int, cached: Int) {
        counts.withLock {
            $0.encoded += encoded
            $0.cached += cached
        }
    }

    /// Counts one pass of the encoder.
    func recordPass() {
        counts.withLock { $0.passes += 1 }
    }

    /// The counts so far.
    package var current: Counts {
        counts.withLock { $0 }
    }
}
