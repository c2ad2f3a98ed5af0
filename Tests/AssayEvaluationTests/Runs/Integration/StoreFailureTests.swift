import AssayCore
@testable import AssayEvaluation
import Foundation
import Testing

/// A store that cannot take a run's writes, because its disk is full or it is read-only: the run
/// ends with an error that says what, where and what to do, exit status 1 from the executable, and
/// a store as it was before the failure.
@Suite("A run whose store cannot be written", .serialized)
struct StoreFailureTests {
    static let runCode = #"run(load("cases.jsonl"), template: "Q: {{ input }}", model: "echo", cache: false)"#

    /// Writes `cases.jsonl`: `count` cases whose inputs of about 2 KB each make the store grow fast.
    @discardableResult
    static func writeCases(_ project: RunProject, count: Int) throws -> [String] {
        let ids = (0..<count).map { "c\($0)" }
        let lines = ids.map { id in
            JSONValue.object(["id": .string(id), "input": .string(String(repeating: "\(id) words ", count: 200))]).serialized()
        }
        _ = try project.folder.write(lines.joined(separator: "\n") + "\n", to: "cases.jsonl")
        return ids
    }

    @Test("a run whose disk fills (a 4 MB file size limit) ends with status 1 and a clear error; what it stored stays, the store is undamaged, and resume completes it")
    func fullDisk() async throws {
        let project = try RunProject()
        defer { project.folder.remove() }
        let ids = try Self.writeCases(project, count: 400)

        // The store's write-ahead log reaches the limit after a hundred or so results.
        let failed = try await AssayCommand.run(["-c", Self.runCode], in: project.url, environment: project.environment,
                                                fileSizeLimit: 4096)
        #expect(failed.status == 1 && !failed.wasKilledBySignal, "\(failed.status): \(failed.standardError)")
        let message = failed.standardError
        #expect(message.contains("stopped because its results could not be stored"), "\(message)")
        #expect(message.contains(project.storePath), "the message names the store: \(message)")
        #expect(message.contains("free space") && message.contains("ASSAY_HOME"), "the message says what to do: \(message)")

        let store = try project.openStore()
        #expect(try store.integrityCheck().isEmpty, "PRAGMA integrity_check is ok")
        let record = try #require(try await store.runs(limit: 1).first)
        #expect(message.contains("assay resume \(record.idText.prefix(8))"), "\(message)")
        let kept = try await store.load(record.id).results
        #expect(kept.count == record.counts.finished)
        #expect(kept.count > 0 && kept.count < ids.count, "results stored before the disk filled are kept (\(kept.count))")
        #expect(message.contains("The \(kept.count) results stored before are kept"), "\(message)")
        #expect(record.status == .failed || record.status == .interrupted)

        let resumed = try await project.assay("resume", record.idText)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let complete = try await store.load(record.id)
        #expect(complete.record.status == .completed)
        #expect(complete.results.map(\.caseID).sorted() == ids.sorted(), "every case once")
        #expect(complete.results.allSatisfy { $0.status == .ok })
        #expect(try store.integrityCheck().isEmpty)
    }

    @Test("a run into a read-only store ends with status 1 naming the store and what to do, and leaves the store as it was")
    func readOnlyStore() async throws {
        let project = try RunProject()
        defer { project.folder.remove() }
        try Self.writeCases(project, count: 20)
        let first = try await project.assay("-c", Self.runCode)
        #expect(first.status == 0, "\(first.standardError)")

        // File permissions do not stop root: an immutable file does (chattr +i), for root as well.
        try Self.immutable(project.storePath, true)
        defer { try? Self.immutable(project.storePath, false) }
        let refused = try await project.assay("-c", Self.runCode)
        #expect(refused.status == 1 && !refused.wasKilledBySignal, "\(refused.status): \(refused.standardError)")
        #expect(refused.standardError.contains("the run store \(project.storePath) is read-only"), "\(refused.standardError)")
        #expect(refused.standardError.contains("ASSAY_HOME"), "the message says what to do: \(refused.standardError)")
        try Self.immutable(project.storePath, false)

        let store = try project.openStore()
        #expect(try store.integrityCheck().isEmpty, "PRAGMA integrity_check is ok")
        let runs = try await store.runs()
        #expect(runs.count == 1, "no run was added")
        let earlier = try #require(runs.first)
        #expect(earlier.status == .completed)
        #expect(try await store.load(earlier.id).results.count == 20, "the earlier run's results are all there")
    }

    /// Sets or clears the immutable attribute of a file.
    static func immutable(_ path: String, _ on: Bool) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [on ? "+i" : "-i", path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0,
                     "chattr \(on ? "+i" : "-i") failed: it needs root (CAP_LINUX_IMMUTABLE) and a file system with the attribute (ext4, xfs, btrfs)")
    }
}
