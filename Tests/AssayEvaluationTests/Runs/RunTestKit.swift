@testable import AssayEvaluation
import Foundation
import Synchronization

/// Builders shared by the run tests.
enum RunTestKit {
    /// A suite of `count` cases `c0`, `c1`, … with `input` "question i" and `expected` "answer i".
    static func suite(count: Int) -> Suite {
        Suite(cases: (0..<count).map { index in
            TestCase(id: "c\(index)", fields: ["input": .string("question \(index)"), "expected": .string("answer \(index)")])
        })
    }

    static let template = try! PromptTemplate(text: "Q: {{ input }}")

    /// A store in a fresh temporary folder.
    static func store() throws -> (RunStore, TemporaryDirectory) {
        let folder = try TemporaryDirectory()
        let store = try RunStore(path: folder.url.appendingPathComponent("runs.sqlite").path)
        return (store, folder)
    }
}

/// An environment whose sleeps return at once (or throw when cancelled) and are recorded.
final class RecordingSleeper: Sendable {
    private let slept = Mutex<[Duration]>([])

    var durations: [Duration] { slept.withLock { $0 } }

    func environment(jitter: Double = 0.5) -> RunEnvironment {
        RunEnvironment(
            sleep: { [self] duration in
                try Task.checkCancellation()
                slept.withLock { $0.append(duration) }
                await Task.yield()
            },
            random: { jitter },
            // A clock that stands still: schedules do not depend on how busy the machine is.
            now: { .zero }
        )
    }
}

/// Collects progress reports.
final class ProgressLog: Sendable {
    private let reports = Mutex<[RunProgress]>([])

    var all: [RunProgress] { reports.withLock { $0 } }

    var callback: @Sendable (RunProgress) -> Void {
        { [self] report in reports.withLock { $0.append(report) } }
    }
}

extension Runner {
    /// Runs a spec and reads the run back whole (record, results and cases), as the tests look at
    /// it: ``run(_:id:progress:)`` itself returns the record only.
    func runLoaded(
        _ spec: RunSpec, id: UUID = UUID(), progress: (@Sendable (RunProgress) -> Void)? = nil
    ) async throws(RunError) -> StoredRun {
        try await loaded(try await run(spec, id: id, progress: progress))
    }

    /// Resumes a run and reads it back whole (see ``runLoaded(_:id:progress:)``).
    func resumeLoaded(
        _ runID: UUID, with spec: RunSpec, progress: (@Sendable (RunProgress) -> Void)? = nil
    ) async throws(RunError) -> StoredRun {
        try await loaded(try await resume(runID, with: spec, progress: progress))
    }

    /// A run read back whole, even when the calling task has been cancelled.
    private func loaded(_ record: RunRecord) async throws(RunError) -> StoredRun {
        let store = self.store
        return try await Self.detached { () async throws(RunStoreError) in try await store.load(record.id) }
    }
}
