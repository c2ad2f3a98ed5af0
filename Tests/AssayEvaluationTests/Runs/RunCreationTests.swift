@testable import AssayEvaluation
import Foundation
import Synchronization
import Testing

@Suite("A run's row is written while its first cases are sent")
struct RunCreationTests {
    @Test("every result waits for the run's row: the run is stored whole, its cases with it")
    func resultsFollowTheRow() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let model = ScriptedModel { request, _ in ModelResponse(text: ScriptedModel.requestID(request)) }
        var spec = RunSpec(name: "overlap", suite: RunTestKit.suite(count: 300), template: RunTestKit.template, model: model, metrics: [.exact])
        spec.concurrency = 16
        let run = try await Runner(store: store).runLoaded(spec)
        #expect(run.record.status == .completed)
        #expect(run.record.counts.finished == 300)
        #expect(run.results.count == 300)
        #expect(run.cases?.map(\.id) == spec.suite.cases.map(\.id), "the run's cases are stored with it")
    }

    @Test("a run whose row cannot be written stops sending cases, throws the store's error and leaves no run")
    func failedCreationStopsTheRun() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        // The store refuses new runs (as a full disk or a read-only file would) but nothing else.
        _ = try await store.writing { db in
            try db.execute("CREATE TRIGGER refuse_runs BEFORE INSERT ON runs BEGIN SELECT RAISE(ABORT, 'no new runs'); END")
        }
        // Calls take a moment each, so that the refusal comes long before the suite is done.
        let model = ScriptedModel { request, _ in
            try? await Task.sleep(for: .milliseconds(5))
            return ModelResponse(text: ScriptedModel.requestID(request))
        }
        var spec = RunSpec(name: "refused", suite: RunTestKit.suite(count: 2000), template: RunTestKit.template, model: model, metrics: [.exact])
        spec.concurrency = 4
        do {
            _ = try await Runner(store: store).run(spec)
            Issue.record("the run went on without its row")
        } catch {
            #expect(error.code == .store, "\(error)")
            #expect(error.message.contains("no new runs"), "\(error.message)")
        }
        #expect(try await store.runs().isEmpty, "no run was stored")
        #expect(model.calls < 2000, "cases stop being sent once the row is refused (\(model.calls) calls)")
    }
}
