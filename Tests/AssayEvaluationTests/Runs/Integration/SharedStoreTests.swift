@testable import AssayEvaluation
import Foundation
import Testing

/// One run store shared by several `assay` processes at once, and runs killed at random moments.
@Suite("A run store shared by processes", .serialized)
struct SharedStoreTests {
    static func runCode(cases: String = "cases.jsonl", concurrency: Int = 4) -> String {
        #"run(load("\#(cases)"), template: "Q: {{ input }}", model: "local", concurrency: \#(concurrency), cache: false)"#
    }

    @Test("four processes making runs into one new store at once never see 'database is locked' nor lose a write")
    func fourProcesses() async throws {
        let project = try RunProject()
        defer { project.folder.remove() }
        let server = try await MockServerProcess.start(["--latency-ms", "2"], in: project.url)
        try project.writeModels(baseURL: server.baseURL)
        try project.writeCases(count: 60)
        // No store yet: the four processes create and migrate it together.
        let code = Array(repeating: Self.runCode(), count: 3).joined(separator: "\n")
        let children = try (0..<4).map { _ in try AssayCommand.start(["-c", code], in: project.url, environment: project.environment) }
        var outcomes: [AssayCommand.Outcome] = []
        for child in children { outcomes.append(await child.outcome()) }
        await server.stop()
        for outcome in outcomes {
            #expect(outcome.status == 0 && !outcome.wasKilledBySignal, "\(outcome.standardError)")
            #expect(!outcome.standardError.contains("locked"), "\(outcome.standardError)")
        }
        let store = try project.openStore()
        let runs = try await store.runs()
        #expect(runs.count == 12, "every run of every process is stored")
        for run in runs {
            #expect(run.status == .completed)
            #expect(run.counts.finished == 60 && run.counts.ok == 60)
            #expect(try await store.load(run.id).results.count == 60)
        }
        #expect(try store.integrityCheck().isEmpty)
    }

    @Test("a run killed with SIGKILL at 20 random moments and resumed after each ends as an uninterrupted run")
    func twentyKills() async throws {
        let project = try RunProject()
        defer { project.folder.remove() }
        let server = try await MockServerProcess.start(["--latency-ms", "5"], in: project.url)
        try project.writeModels(baseURL: server.baseURL)
        let ids = try project.writeCases(count: 300)
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        var restarts = 0
        var runID: String?
        while kills < 20 {
            let arguments = runID.map { ["resume", $0] } ?? ["-c", Self.runCode(concurrency: 2)]
            let child = try AssayCommand.start(arguments, in: project.url, environment: project.environment)
            // A random moment from start-up (opening, migrating) to well into the run.
            let moment = Duration.milliseconds(Int.random(in: 20...700, using: &generator))
            let finishedFirst = await Self.outcome(of: child, within: moment)
            if let finishedFirst {
                // The run completed before the kill: nothing left to interrupt.
                #expect(finishedFirst.status == 0, "\(finishedFirst.standardError)")
                if kills == 0, restarts < 5 {
                    // On a loaded machine the first kill can land after the whole run: start
                    // again on a new store, so that the run below is one that was killed.
                    restarts += 1
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: project.storePath + suffix) }
                    continue
                }
                break
            }
            child.send(SIGKILL)
            let killed = await child.outcome()
            #expect(killed.wasKilledBySignal)
            kills += 1
            if runID == nil, FileManager.default.fileExists(atPath: project.storePath) {
                runID = try? await project.openStore().runs(limit: 1).first?.idText
            }
            if let runID {
                let record = try await project.openStore().select(runID)
                #expect(record.status != .running, "a killed run never reads as running")
            }
        }
        let id = try #require(runID, "the run was created before the last kill")
        let final = try await project.assay("resume", id)
        #expect(final.status == 0, "\(final.standardError)")
        let store = try project.openStore()
        let record = try await store.select(id)
        #expect(record.status == .completed)
        #expect(record.counts.finished == 300)

        let fresh = try await project.assay("-c", Self.runCode(concurrency: 2))
        #expect(fresh.status == 0, "\(fresh.standardError)")
        let freshID = try #require(try await store.runs(limit: 1).first?.idText)
        let resumed = try await KillAndResumeTests.exportedRows(project, run: id)
        #expect(resumed.count == 300)
        #expect(Set(resumed.map(\.id)) == Set(ids), "every case is present")
        #expect(Dictionary(grouping: resumed, by: \.id).values.allSatisfy { $0.count == 1 }, "no case is present twice")
        #expect(resumed == (try await KillAndResumeTests.exportedRows(project, run: freshID)), "the same results as an uninterrupted run")
        #expect(try store.integrityCheck().isEmpty, "PRAGMA integrity_check is ok")
        await server.stop()
    }

    /// The child's outcome if it has exited after `moment`, else nil (it keeps running).
    static func outcome(of child: AssayCommand.Child, within moment: Duration) async -> AssayCommand.Outcome? {
        // Not a wait for an event: the moment is the random time the kill is meant to land at.
        try? await Task.sleep(for: moment)
        return child.hasExited ? await child.outcome() : nil
    }
}
