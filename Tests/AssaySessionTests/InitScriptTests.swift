import AssaySession
import Foundation
import Testing

/// The project's `assay.init`: found like the run store's project folder, run in the session
/// before the first cell, quiet but for what it prints, its errors located in it.
@Suite("assay.init")
struct InitScriptTests {
    @Test("assay.init runs in the session: its variables and pipelines are there for the first cell, and nothing is echoed")
    func definesForTheFirstCell() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.writeCases(count: 4)
        try fixture.write("assay.init", """
            # the team's usual set-up
            suite = load("cases.jsonl")
            menu = pipeline(name: "menu", template: "{{ input }}", model: "perfect", metrics: ["exact"])
            len(suite)
            print("ready")
            """)
        let events = EventRecorder()
        let outcome = await fixture.session.runInitScript { events.record($0) }
        #expect(outcome == .success)
        #expect(events.standardOutput == "ready\n", "only what it prints shows; len(suite) is not echoed")
        #expect(await fixture.value("run(suite, menu)/summary/exact/mean") == "1")
        #expect(await fixture.value("pipelines()/0/defined") == "assay.init:3")
    }

    @Test("an error in assay.init is reported at assay.init:LINE:COL with the caret; what came before it stays defined")
    func errorIsLocated() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.write("assay.init", "answer = 42\nbroken = answer/missing\nlater = 1\n")
        let events = EventRecorder()
        let outcome = await fixture.session.runInitScript { events.record($0) }
        guard case .failure(let report) = outcome else {
            Issue.record("expected a failure, got \(String(describing: outcome))")
            return
        }
        #expect(report.lines.first?.hasPrefix("assay.init:2:17: error:") == true, "\(report.lines)")
        #expect(report.lines.dropFirst().first == "broken = answer/missing")
        #expect(report.lines.dropFirst(2).first == "                ^~~~~~~")
        #expect(events.errors == [report])
        #expect(await fixture.value("answer") == "42")
        let later = await fixture.run("later")
        #expect(later.events.errorLines.first?.contains("'later' is not defined") == true)
    }

    @Test("from a folder inside the project, the project's assay.init is found and named by its relative path")
    func foundFromASubfolder() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.write("assay.init", "shared = 1\nnope\n")
        let inner = fixture.directory.appendingPathComponent("notebooks/week1")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        let script = try #require(InitScript.find(from: inner.path))
        #expect(script.displayName == "../../assay.init")
        #expect(URL(fileURLWithPath: script.path).standardizedFileURL == fixture.directory.appendingPathComponent("assay.init").standardizedFileURL)
        let session = Session(options: SessionOptions(baseDirectory: inner.path, environment: RunSessionFixture.environment(fixture.directory)))
        let outcome = await session.runInitScript { _ in }
        guard case .failure(let report) = outcome else {
            Issue.record("expected a failure, got \(String(describing: outcome))")
            return
        }
        #expect(report.lines.first == "../../assay.init:2:1: error: 'nope' is not defined")
    }

    @Test("without assay.init there is nothing to run; a project marked only by models.json has none either")
    func absent() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try fixture.write("models.json", "[]")
        #expect(InitScript.find(from: fixture.directory.path) == nil)
        #expect(await fixture.session.runInitScript { _ in } == nil)
    }

    @Test("an assay.init that is not UTF-8 text is an error naming it")
    func unreadable() async throws {
        let fixture = try RunSessionFixture()
        defer { fixture.remove() }
        try Data([0xFF, 0xFE, 0x00, 0xC3]).write(to: fixture.directory.appendingPathComponent("assay.init"))
        let events = EventRecorder()
        let outcome = await fixture.session.runInitScript { events.record($0) }
        #expect(events.errorLines.first == "assay.init: error: cannot read assay.init as UTF-8 text")
        #expect(outcome == events.errors.first.map(ExecutionOutcome.failure))
    }
}
