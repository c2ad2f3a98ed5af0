import Foundation
import Testing
@testable import AssayEvaluation

@Suite("Loading suites")
struct SuiteLoaderTests {
    static let expectedThirdID = TestCase.derivedID(for: [
        "input": "Two lines:\nfirst\nsecond", "expected": "first", "tags": [],
    ])

    @Test("the same three cases load from JSONL, JSON and CSV", arguments: ["menu.jsonl", "menu.json", "menu.csv"])
    func sameCasesInEveryFormat(file: String) throws {
        let suite = try SuiteLoader.load(path: Fixtures.suite(file))
        #expect(suite.cases.map(\.id) == ["greeting", "order-pizza", Self.expectedThirdID])
        #expect(suite.cases[0].fields == ["id": "greeting", "input": "Say hello", "expected": "hello", "tags": ["easy"]])
        #expect(suite.cases[1].input == "I'd like a \"large\" pizza, please")
        #expect(suite.cases[1].tags == ["menu", "hard"])
        #expect(suite.cases[2].input == "Two lines:\nfirst\nsecond")
        #expect(suite.cases[2].fields.keys == ["id", "input", "expected", "tags"])
        #expect(suite.skipped.isEmpty)
        #expect(suite.source?.path == Fixtures.suite(file))
        #expect(suite.source?.format == SuiteFormat(path: file))
    }

    @Test("all three formats give equal cases")
    func formatsAgree() throws {
        let jsonl = try SuiteLoader.load(path: Fixtures.suite("menu.jsonl")).cases
        #expect(try SuiteLoader.load(path: Fixtures.suite("menu.json")).cases == jsonl)
        #expect(try SuiteLoader.load(path: Fixtures.suite("menu.csv")).cases == jsonl)
    }

    @Test("the source records the SHA-256 of the file's bytes")
    func sourceHash() throws {
        let empty = try SuiteLoader.parse("", format: .jsonl, name: "empty.jsonl")
        #expect(empty.source == SuiteSource(
            path: "empty.jsonl", format: .jsonl,
            sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        ))
        let first = try SuiteLoader.load(path: Fixtures.suite("menu.jsonl")).source?.sha256
        let again = try SuiteLoader.load(path: Fixtures.suite("menu.jsonl")).source?.sha256
        let other = try SuiteLoader.load(path: Fixtures.suite("menu.json")).source?.sha256
        #expect(first == again)
        #expect(first != other)
        #expect(first?.count == 64)
    }

    @Test("the format comes from the extension", arguments: [
        ("cases.jsonl", SuiteFormat?.some(.jsonl)), ("CASES.NDJSON", .jsonl), ("a.b/cases.json", .json),
        ("cases.csv", .csv), ("cases.yaml", .yaml), ("Cases.YML", .yaml), ("cases.txt", nil), ("cases", nil), ("dir.csv/cases", nil),
    ])
    func formatFromExtension(path: String, expected: SuiteFormat?) {
        #expect(SuiteFormat(path: path) == expected)
    }

    @Test("an unknown extension says which extensions work")
    func unknownExtension() {
        #expect {
            try SuiteLoader.load(path: "cases.txt")
        } throws: { error in
            let error = error as? SuiteLoadError
            return error?.code == .unknownFormat
                && error?.description == """
                    cases.txt: error: cannot tell the suite format from the file name
                    hint: name the file .jsonl (one JSON object per line), .json (an array of objects, \
                    or {"cases": [...]}), .csv (a header row, then one case per row) or .yaml (a list of cases)
                    """
        }
    }

    @Test("a missing file is an error with a hint")
    func missingFile() {
        #expect {
            try SuiteLoader.load(path: "no/such/cases.jsonl")
        } throws: { error in
            let error = error as? SuiteLoadError
            return error?.code == .fileNotFound
                && error?.description.hasPrefix("no/such/cases.jsonl: error: no such file\nhint: check the path") == true
        }
    }

    @Test("a file that is not UTF-8 is an error naming the line")
    func invalidEncoding() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("latin1.jsonl")
        try Data([0x7B, 0x7D, 0x0A, 0x7B, 0x22, 0xE9, 0x22, 0x7D]).write(to: URL(fileURLWithPath: path))
        #expect(throws: SuiteLoadError.self) { try SuiteLoader.load(path: path) }
        do {
            _ = try SuiteLoader.load(path: path)
        } catch {
            #expect(error.code == .invalidEncoding)
            #expect(error.line == 2)
            #expect(error.column == 3)
        }
    }

    /// Lines of a JSONL suite whose text passes several times the size the loader checks for
    /// UTF-8 at once, with two- and four-byte characters at every offset around those borders.
    static func multibyteSuite(lines: Int) -> String {
        (0..<lines).map { number in
            let padding = String(repeating: "x", count: number % 7)
            return #"{"id": "\#(number)", "input": "\#(padding)é😀 ünïcode", "n": \#(number)}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test("a large file with characters across the pieces UTF-8 is checked in loads whole")
    func multibyteAcrossChunks() throws {
        let text = Self.multibyteSuite(lines: 6000)
        #expect(text.utf8.count > 4 * SuiteLoader.validationChunk)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("wide.jsonl")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let suite = try SuiteLoader.load(path: path)
        #expect(suite.cases.count == 6000)
        #expect(suite.cases[5998].fields["input"] == .string("xxxxxxé😀 ünïcode"))
        #expect(suite.source?.sha256 == sha256Hex(Array(text.utf8)))
    }

    @Test("an invalid byte far into a large file is reported at its line and column")
    func invalidByteLate() throws {
        var bytes = Array(Self.multibyteSuite(lines: 6000).utf8)
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
        let line = 5000
        bytes[lineStarts[line - 1] + 3] = 0xFF
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("late.jsonl")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: SuiteLoadError.self) { try SuiteLoader.load(path: path) }
        #expect(error.code == .invalidEncoding)
        #expect(error.line == line)
        #expect(error.column == 4)
    }
}
