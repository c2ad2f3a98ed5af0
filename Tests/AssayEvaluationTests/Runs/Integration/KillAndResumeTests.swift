import AssayCore
@testable import AssayEvaluation
import Foundation
import Testing

/// A run of the `assay` executable killed with SIGKILL halfway through loses only unwritten
/// results, and `assay resume` completes it to what an uninterrupted run gives.
@Suite("Killing and resuming a run of the executable", .serialized)
struct KillAndResumeTests {
    // 400 cases at 40 ms and concurrency 2 take about 8 s, leaving seconds between the halfway
    // point and the end for the kill even when the machine is busy.
    static let caseCount = 400
    static let runCode = #"run(load("cases.jsonl"), template: "Q: {{ input }}", model: "local", concurrency: 2, temperature: 0.2, cache: false)"#

    @Test("a run killed after about half its cases and resumed holds every case once, as an uninterrupted run does")
    func killedRunResumes() async throws {
        let project = try RunProject()
        defer { project.folder.remove() }
        let server = try await MockServerProcess.start(["--latency-ms", "40", "--policy", "echo"], in: project.url)
        try project.writeModels(baseURL: server.baseURL)
        let ids = try project.writeCases(count: Self.caseCount)
        // The store exists, migrated, before the child opens it, so the test can watch it.
        let store = try project.openStore()

        let child = try AssayCommand.start(["-c", Self.runCode], in: project.url, environment: project.environment)
        let half = Self.caseCount / 2
        // Watch and kill from a thread of its own: on a busy machine the test's cooperative threads
        // may be held by other tests for seconds, long enough for the run to finish first.
        let reachedHalf = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            Thread.detachNewThread {
                let deadline = ContinuousClock.now + .seconds(60)
                while ContinuousClock.now < deadline {
                    if ((try? store.runs(limit: 1))?.first?.counts.finished ?? 0) >= half {
                        child.send(SIGKILL)
                        continuation.resume(returning: true)
                        return
                    }
                    usleep(2_000)
                }
                continuation.resume(returning: false)
            }
        }
        try #require(reachedHalf, "the run did not reach \(half) results within 60 s")
        let killed = await child.outcome()
        #expect(killed.wasKilledBySignal && killed.status == SIGKILL)
        try await Task.sleep(for: .milliseconds(100))
        let requestsAtKill = try await server.requestCount()

        let record = try #require(try await store.runs(limit: 1).first)
        #expect(record.status == .interrupted, "a run whose process died reads as interrupted (its lease's process is gone)")
        let keptAtKill = record.counts.finished
        #expect(keptAtKill >= half && keptAtKill < Self.caseCount)
        #expect(try await store.load(record.id).results.count == keptAtKill)
        #expect(try store.integrityCheck().isEmpty)

        let resumed = try await project.assay("resume", record.idText)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let requestsAfterResume = try await server.requestCount()
        #expect(requestsAfterResume - requestsAtKill == Self.caseCount - keptAtKill, "resume asks only for the missing cases")
        // Lost: the calls in flight and the results not yet committed (a batch filling and one
        // being written), a fraction of a second of work.
        #expect(requestsAtKill - keptAtKill <= 2 + 2 * ResultBatchWriter.batchSize, "only calls in flight or unwritten are lost")

        let complete = try #require(try store.record(id: record.id))
        #expect(complete.status == .completed)
        #expect(complete.counts.finished == Self.caseCount && complete.counts.ok == Self.caseCount)

        let fresh = try await project.assay("-c", Self.runCode)
        #expect(fresh.status == 0, "\(fresh.standardError)")
        let freshRecord = try #require(try await store.runs(limit: 1).first)
        #expect(freshRecord.id != record.id)

        let resumedExport = try await Self.exportedRows(project, run: record.idText)
        let freshExport = try await Self.exportedRows(project, run: freshRecord.idText)
        #expect(resumedExport.count == Self.caseCount)
        #expect(Set(resumedExport.map(\.id)) == Set(ids), "every case is present")
        #expect(Dictionary(grouping: resumedExport, by: \.id).values.allSatisfy { $0.count == 1 }, "no case is present twice")
        #expect(resumedExport == freshExport, "the resumed run has the outputs of the uninterrupted one, in the same order")
        #expect(resumedExport.allSatisfy { $0.status == "ok" && $0.output == "Q: question \($0.id.dropFirst())" })

        #expect(try store.integrityCheck().isEmpty, "PRAGMA integrity_check is ok")
        await server.stop()
    }

    /// One exported line: the fields a rerun must reproduce.
    struct Row: Hashable {
        let id: String
        let sample: Int
        let status: String
        let output: String?
    }

    static func exportedRows(_ project: RunProject, run: String) async throws -> [Row] {
        let export = try await project.assay("export", run, "--format", "jsonl")
        #expect(export.status == 0, "\(export.standardError)")
        return try export.standardOutput.split(separator: "\n").map { line in
            let object = try #require(try JSONValue.parse(String(line)).objectValue)
            return Row(id: object["id"]?.stringValue ?? "", sample: object["sample"]?.intValue ?? -1,
                       status: object["status"]?.stringValue ?? "", output: object["output"]?.stringValue)
        }
    }
}
