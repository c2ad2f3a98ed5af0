import AssaySession
import Foundation
import Synchronization
import Testing

/// Interrupting a run (Ctrl-C in the shell, the kernel's interrupt) keeps what finished, and
/// `resume` completes only what is missing.
@Suite("Interrupting a run in a session")
struct RunInterruptTests {
    static let caseCount = 100
    /// A mock that answers after 50 ms: 100 cases at concurrency 2 take 2.5 s uninterrupted.
    static let models = #"[{"name": "slow", "type": "MOCK", "mock": "perfect", "latency_ms": 50}]"#
    /// A metric that prints the id of every case it scores, so a cell shows which cases it ran.
    static let metrics = #"{seen: c => [print("scored " + c/id), 1]/1}"#
    static let run = #"run(load("cases.jsonl"), template: "{{ input }}", model: "slow", concurrency: 2, temperature: 0.5, metrics: "#
        + metrics + ")"

    @Test("interrupt stops the run promptly, keeps finished cases and marks it interrupted; resume runs only the missing ones",
          arguments: [false, true])
    func interruptAndResume(inNewSession: Bool) async throws {
        let fixture = try RunSessionFixture(models: Self.models)
        defer { fixture.remove() }
        try fixture.writeCases(count: Self.caseCount)

        let events = EventRecorder()
        let session = fixture.session
        let interruptedAt = ContinuousClock.Instant.Box()
        let watcher = Task {
            while !Task.isCancelled {
                if RunSessionFixture.Cell(outcome: .success, events: events).progressDone.contains(where: { $0 >= 10 }) {
                    interruptedAt.set(.now)
                    session.interrupt()
                    return
                }
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        let first = await fixture.run("r = " + Self.run, events: events)
        watcher.cancel()
        #expect(first.outcome == .interrupted, "the cell stops as any interrupted cell does")
        // Promptly: the run stops well before its end (`kept < caseCount` below); no wall-clock
        // target is asserted, since the machine running the tests may be busy.
        _ = try #require(interruptedAt.value, "the run ended before it could be interrupted")
        #expect(first.standardError.contains("interrupted: ") && first.standardError.contains("results kept"))

        let status = await fixture.value(#"runs("latest")/status"#)
        #expect(status == "interrupted")
        let errors = await fixture.value(#"runs("latest")/cases/*/error"#)
        #expect(!errors.contains("\""), "a case cut short by the interrupt is not kept as finished: \(errors)")
        let keptText = await fixture.value(#"runs("latest")/counts/finished"#)
        let kept = try #require(Int(keptText))
        #expect(kept >= 10 && kept < Self.caseCount)
        let keptIDs = Set(try Self.ids(in: await fixture.value(#"runs("latest")/cases/*/id"#)))
        #expect(keptIDs.count == kept)
        let scoredFirst = Set(first.printedLines.map { String($0.dropFirst("scored ".count)) })
        #expect(scoredFirst == keptIDs, "every case scored before the interrupt is kept")

        // A new session has only the stored run: the lambda metric is given again.
        let resuming = inNewSession ? try RunSessionFixture(reopening: fixture) : fixture
        let second = await resuming.run(inNewSession ? #"r2 = resume(runs("latest"), metrics: "# + Self.metrics + ")" : #"r2 = resume(runs("latest"))"#)
        #expect(second.outcome == .success, "\(second.events.errorLines)")
        let scoredSecond = Set(second.printedLines.map { String($0.dropFirst("scored ".count)) })
        let allIDs = Set((0..<Self.caseCount).map { "c\($0)" })
        #expect(scoredSecond == allIDs.subtracting(keptIDs), "resume runs exactly the missing cases")
        #expect(await resuming.value("r2/status") == "completed")
        #expect(await resuming.value("r2/counts/finished") == "\(Self.caseCount)")
        #expect(await resuming.value("r2/id == runs(-1)/id") == "true", "resume completes the run, it makes no new one")
    }

    /// The strings of a printed list such as `["c0", "c1"]`.
    static func ids(in text: String) throws -> [String] {
        text.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }
}

extension ContinuousClock.Instant {
    /// An instant that one task sets and another reads.
    final class Box: Sendable {
        private let stored = Mutex<ContinuousClock.Instant?>(nil)
        var value: ContinuousClock.Instant? { stored.withLock { $0 } }
        func set(_ instant: ContinuousClock.Instant) { stored.withLock { $0 = instant } }
    }
}
