@testable import AssayEvaluation
import AssaySession
import Foundation
import Testing

/// Runs stored before runs kept their cases still work as far as their record allows, and say
/// what they lack when it does not.
@Suite("Runs stored before runs kept their cases")
struct LegacyRunTests {
    /// A fixture with one run whose stored cases and summary have been removed, as the version
    /// before self-contained records stored it.
    static func legacyRun() async throws -> RunSessionFixture {
        let fixture = try RunSessionFixture()
        try fixture.write("cases.jsonl", #"{"id": "a", "input": "one", "expected": "one"}"# + "\n" + #"{"id": "b", "input": "two", "expected": "2"}"# + "\n")
        await fixture.run(#"run(load("cases.jsonl"), template: "{{ input }}", model: "perfect", metrics: ["exact"])"#)
        let store = try RunStore(path: fixture.directory.appendingPathComponent(".assay-home/runs.sqlite").path)
        try await store.writing { db in
            try db.execute("UPDATE runs SET cases_sha = NULL, summary = NULL")
            try db.execute("DELETE FROM case_lists")
            try db.execute("DELETE FROM cases")
        }
        return fixture
    }

    @Test("with its suite file unchanged, the cases come from the file and the summary is computed")
    func unchangedFile() async throws {
        let fixture = try RunSessionFixture(reopening: try await Self.legacyRun())
        #expect(await fixture.value(#"runs("latest")/cases/1/input"#) == "two")
        #expect(await fixture.value(#"runs("latest")/summary/exact/n"#) == "2")
        #expect(await fixture.value(#"rerun(runs("latest"))/counts/ok"#) == "2")
    }

    @Test("with its suite file edited or deleted, rerun says what the run lacks and how to go on")
    func changedOrDeletedFile() async throws {
        let made = try await Self.legacyRun()
        try made.write("cases.jsonl", #"{"id": "a", "input": "one", "expected": "uno"}"# + "\n")
        let fixture = try RunSessionFixture(reopening: made)
        let edited = await fixture.run(#"rerun(runs("latest"))"#)
        #expect(edited.outcome != .success)
        let message = edited.events.errorLines.joined(separator: "\n")
        #expect(message.contains("was stored before runs kept their cases") && message.contains("has changed since"), "\(message)")
        #expect(message.contains(#"rerun(r, suite: load("#), "\(message)")
        #expect(await fixture.value(#"rerun(runs("latest"), suite: load("cases.jsonl"))/cases/0/expected"#) == "uno")

        try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("cases.jsonl"))
        let deleted = await fixture.run(#"rerun(runs(-2))"#)
        let gone = deleted.events.errorLines.joined(separator: "\n")
        #expect(gone.contains("is gone"), "\(gone)")
        // The newer run stored its cases: it needs no file.
        #expect(await fixture.value(#"rerun(runs(-1))/counts/finished"#) == "1")
    }
}
