@testable import AssayEvaluation
import Foundation
import Testing

/// The run store when SQLite cannot grow the database: SQLITE_FULL, made here with a page limit
/// on the store's writer connection (what a full disk gives), becomes an error a user can act on.
struct FullStoreTests {
    @Test("a store that cannot grow stops a run with an error naming the store, the full disk and what to do; earlier runs stay")
    func aFullStoreStopsARunCleanly() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let earlier = try await RunStoreTests.run("earlier", in: store)
        // A pool's writes all go through its one writer connection, which the limit then binds;
        // SQLite raises a limit below the database's size to that size.
        try await store.writing { try $0.execute("PRAGMA max_page_count = 1") }

        do {
            _ = try await RunStoreTests.run("later", in: store, cases: 200)
            Issue.record("a run into a store that cannot grow completed")
        } catch let error as RunError {
            #expect(error.code == .store)
            #expect(error.message.contains("the run store \(folder.path("runs.sqlite")) cannot grow: its disk is full"), "\(error)")
            #expect(error.message.contains("free space") && error.message.contains("ASSAY_HOME"), "\(error)")
        }
        #expect(try store.integrityCheck().isEmpty)
        #expect(try await store.load(earlier.record.id) == earlier)
    }
}
