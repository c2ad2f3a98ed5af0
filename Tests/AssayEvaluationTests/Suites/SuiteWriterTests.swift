import Foundation
import Testing
@testable import AssayEvaluation

@Suite("Writing suites")
struct SuiteWriterTests {
    @Test("JSONL output has one compact object per line, id first")
    func format() {
        let suite = Suite(cases: [
            TestCase(fields: ["input": "q", "id": "a"]),
            TestCase(id: "b", fields: ["input": "line\nbreak", "n": 0.5]),
        ])
        #expect(SuiteWriter.jsonl(suite) == """
            {"id":"a","input":"q"}
            {"id":"b","input":"line\\nbreak","n":0.5}

            """)
    }

    @Test("saving then loading gives the same cases, derived ids included", arguments: ["menu.csv", "menu.json", "menu.jsonl"])
    func roundTrip(file: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let original = try SuiteLoader.load(path: Fixtures.suite(file))
        let path = directory.path("saved.jsonl")
        try SuiteWriter.writeJSONL(original, to: path)
        let reloaded = try SuiteLoader.load(path: path)
        #expect(reloaded.cases == original.cases)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("{\"id\":") })
    }

    @Test("writing to a missing directory is an error naming the path")
    func unwritable() throws {
        #expect {
            try SuiteWriter.writeJSONL(Suite(cases: []), to: "no/such/dir/out.jsonl")
        } throws: { error in
            (error as? SuiteWriteError)?.description.hasPrefix("no/such/dir/out.jsonl: error: cannot write the suite") == true
        }
    }
}
