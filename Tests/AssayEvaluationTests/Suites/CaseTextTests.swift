import AssayCore
import Testing
@testable import AssayEvaluation

@Suite("JSONL cases kept as their text")
struct CaseTextTests {
    /// Records of every kind an id can take, keys in any order, escapes, nesting and repeated keys.
    static let lines = [
        #"{"id": "a", "input": "x", "expected": "y", "tags": ["p", "q"]}"#,
        #"{"input": "id second", "id": 7, "meta": {"deep": [1, {"k": "}"}]}}"#,
        #"{"uuid": "u-1", "input": "a GoTaglio id"}"#,
        #"{"id": "", "input": "an empty id is derived"}"#,
        #"{"input": "no id, \"escapes\" and é", "tags": "one"}"#,
        #"{"input": "repeated", "input": "the last one counts", "id": "r"}"#,
        #"{"id": "uuid-too", "uuid": "ignored", "n": 1.5, "ok": true, "nothing": null}"#,
        #"{"\u0069d": "escaped-key", "x": 1}"#,
    ]

    @Test("a loaded case has the id, fields and conveniences of the case made from its parsed record")
    func sameAsParsedRecords() throws {
        let text = "\u{FEFF}" + Self.lines.joined(separator: "\r\n") + "  \n\n"
        let suite = try SuiteLoader.parse(text, format: .jsonl, name: "cases.jsonl")
        #expect(suite.cases.count == Self.lines.count)
        for (loaded, line) in zip(suite.cases, Self.lines) {
            let made = TestCase(fields: try #require(JSONValue.parse(line).objectValue))
            #expect(loaded.id == made.id)
            #expect(loaded.fields == made.fields, "\(line)")
            #expect(loaded.fields.keys.first == "id")
            for key in made.fields.keys + ["missing", "uuid"] {
                #expect(loaded.field(key) == made.fields[key], "\(key) of \(line)")
            }
            #expect(loaded.input == made.input)
            #expect(loaded.expected == made.expected)
            #expect(loaded.tags == made.tags)
            #expect(loaded == made)
            #expect(loaded.hashValue == made.hashValue)
        }
        #expect(suite.cases[1].field("id") == .int(7))
        #expect(suite.cases[2].id == "u-1")
        #expect(suite.cases[3].id == TestCase.derivedID(for: ["input": "an empty id is derived"]))
        #expect(suite.cases[4].id == TestCase.derivedID(for: ["input": "no id, \"escapes\" and é", "tags": "one"]))
        #expect(suite.cases[5].input == "the last one counts")
    }

    /// Records without ids, each the content hash of its canonical text: the ones written from
    /// their bytes and the ones left to the full parse must hash alike.
    static let unnamedLines = [
        #"{"input": "plain", "expected": "y", "tags": ["p", "q"]}"#,
        #"{"tags": ["p", "q"], "expected": "y", "input": "plain, keys in another order", "z": {"b": 1, "a": 2}}"#,
        #"{"s": "quotes \" backslash \\ slash \/ controls \b\f\n\r\t", "u": "é 漢字 🙂"}"#,
        #"{"numbers": [0, -0, 1.0, 1e3, -0.0, 0.1, 2.50, 123456789012345678, 1234567890123456789]}"#,
        #"{"escaped": "\u00e9", "key\"quote": 1, "é": "non-ASCII key"}"#,
        #"{"input": "repeated", "input": "the last one counts"}"#,
        #"{"deep": {"list": [{"y": [], "x": {}}, null, true, false]}, "a": ""}"#,
        #"{"meta": {"id": "nested ids do not count"}, "input": "x"}"#,
        #"{"input": "an empty id", "id": ""}"#,
        #"{"input": "a uuid after", "uuid": ""}"#,
    ]

    @Test("records without ids get the content hash of their parsed fields, whichever way they are read")
    func contentHashesMatchParsedRecords() throws {
        let suite = try SuiteLoader.parse(Self.unnamedLines.joined(separator: "\n"), format: .jsonl, name: "unnamed.jsonl")
        #expect(suite.cases.count == Self.unnamedLines.count)
        for (loaded, line) in zip(suite.cases, Self.unnamedLines) {
            var content = try #require(JSONValue.parse(line).objectValue)
            content["id"] = nil
            #expect(loaded.id == TestCase.derivedID(for: content), "\(line)")
            #expect(loaded == TestCase(fields: try #require(JSONValue.parse(line).objectValue)))
        }
        // What `add-ids` reads: the same records, without keeping their text.
        let placements = try SuiteLoader.collect(
            bytes: Array(Self.unnamedLines.joined(separator: "\n").utf8), format: .jsonl, path: "unnamed.jsonl",
            skipBad: false
        ).placements
        #expect(placements.count == Self.unnamedLines.count)
        #expect(placements.allSatisfy { !$0.hasOwnID })
    }

    @Test("a repeated id is found among many cases and names both lines")
    func duplicateAmongMany() throws {
        let lines = (0..<5000).map { #"{"id": "case-\#($0)"}"# } + [#"{"id": "case-1234"}"#]
        let error = try #require(throws: SuiteLoadError.self) {
            try SuiteLoader.parse(lines.joined(separator: "\n"), format: .jsonl, name: "many.jsonl")
        }
        #expect(error.description.hasPrefix(
            #"many.jsonl:5001:1: error: duplicate id "case-1234": line 1235 and line 5001 have the same id"#
        ))
        let skipping = try SuiteLoader.parse(lines.joined(separator: "\n"), format: .jsonl, name: "many.jsonl", skipBad: true)
        #expect(skipping.cases.count == 5000)
        #expect(Set(skipping.cases.map(\.id)).count == 5000)
    }

    @Test("a repeated id is found among many cases whose id table grew while they loaded")
    func duplicateAfterGrowing() throws {
        // A JSON array is not counted before it is read, so its id table starts small and
        // doubles (placing every id again) nine times on the way to 5,000 cases.
        let records = (0..<5000).map { #"{"id": "case-\#($0)"}"# } + [#"{"id": "case-17"}"#, #"{"id": "case-4999"}"#]
        let text = "[\n" + records.joined(separator: ",\n") + "\n]"
        let error = try #require(throws: SuiteLoadError.self) {
            try SuiteLoader.parse(text, format: .json, name: "many.json")
        }
        #expect(error.description.hasPrefix(
            #"many.json:5002:1: error: duplicate id "case-17": line 19 and line 5002 have the same id"#
        ))
        let skipping = try SuiteLoader.parse(text, format: .json, name: "many.json", skipBad: true)
        let keptInOrder = skipping.cases.map(\.id) == (0..<5000).map { "case-\($0)" }
        #expect(keptInOrder)
        #expect(skipping.skipped.map(\.line) == [5002, 5003])
    }

    /// Lines of every kind, enough of them that the later half's ids are read on another thread: without ids (members in and out of order), with an id or a uuid first, blank,
    /// ending in CRLF, and with a `\u` escape the canonical writer leaves to the full parse.
    static func largeSuiteLines() -> [String] {
        var lines: [String] = []
        var size = 0
        while size < 2 * SuiteLoader.parallelLineIDsMinimum {
            let index = lines.count
            let line = switch index % 7 {
            case 0: #"{"input": "question \#(index) about the menu", "expected": "yes", "tags": ["a", "b"]}"#
            case 1: #"{"expected": "no", "input": "q \#(index)", "n": 1.5e3}"#
            case 2: #"{"id": "own-\#(index)", "input": "x"}"#
            case 3: ""
            case 4: #"{"input": "caf\u00e9 \#(index)"}"#
            case 5: #"{"input": "crlf \#(index)"}"# + "\r"
            default: #"{"uuid": "u-\#(index)", "input": "y"}"#
            }
            lines.append(line)
            size += line.utf8.count + 1
        }
        return lines
    }

    @Test("a large suite's ids are those of its parsed records, its later half's ids read ahead on another thread")
    func derivedIDsOfALargeSuite() throws {
        let lines = Self.largeSuiteLines()
        let expected = try lines.filter { !$0.isEmpty }.map { TestCase(fields: try #require(JSONValue.parse($0).objectValue)).id }
        let suite = try SuiteLoader.parse(lines.joined(separator: "\n"), format: .jsonl, name: "large.jsonl")
        let sameIDs = suite.cases.map(\.id) == expected
        #expect(sameIDs)

        // A copy of the first line at the end repeats its content hash, across the two halves.
        let repeated = lines + [lines[0]]
        let error = try #require(throws: SuiteLoadError.self) {
            try SuiteLoader.parse(repeated.joined(separator: "\n"), format: .jsonl, name: "large.jsonl")
        }
        #expect(error.description.hasPrefix(
            "large.jsonl:\(repeated.count):1: error: duplicate id \"\(expected[0])\": line 1 and line \(repeated.count) have the same id"
        ))
        let skipping = try SuiteLoader.parse(repeated.joined(separator: "\n"), format: .jsonl, name: "large.jsonl", skipBad: true)
        let keptIDs = skipping.cases.map(\.id) == expected
        #expect(keptIDs)
        #expect(skipping.skipped.map(\.line) == [repeated.count])
    }

    @Test("identical records without ids have the same content hash, so the second is a duplicate")
    func identicalContent() throws {
        let text = #"{"input": "same", "tags": ["a"]}"# + "\n" + #"{"tags": ["a"], "input": "same"}"#
        let error = try #require(throws: SuiteLoadError.self) { try SuiteLoader.parse(text, format: .jsonl, name: "h.jsonl") }
        #expect(error.code == .duplicateID)
        #expect(error.hint == "the two cases have identical content; remove one or give them distinct ids")
    }

    @Test("CSV rows kept as their text read as the cases made from their cells", arguments: [
        "id,input,expected,tags\ncase-1,\"a, quoted\nline\",yes,easy; menu\r\n,no id,\"say \"\"hi\"\"\",\n   \nc,é,x,;;\n",
        "\u{FEFF}input , tags\r\nfirst,one\r\nsecond,\"two;three\"",
        "input,id,uuid\nx,\"quoted \"\"id\"\"\",u1\ny,\"\",u2\nz,\"multi\nline, id\",\n",
        "uuid,input\nu-1,has a uuid\n,no uuid\n\"u \"\"2\"\"\",\"é\"\r\n",
        "id\n\"\"\n7\n  \n\"   \"\n",
    ])
    func csvRows(text: String) throws {
        let loaded = try SuiteLoader.parse(text, format: .csv, name: "rows.csv").cases
        let made = try SuiteLoader.collect(bytes: Array(text.utf8), format: .csv, path: "rows.csv", skipBad: false).cases
        #expect(loaded.count == made.count)
        #expect(!loaded.isEmpty)
        for (loaded, made) in zip(loaded, made) {
            #expect(loaded.id == made.id)
            #expect(loaded.fields == made.fields)
            for key in made.fields.keys + ["missing"] { #expect(loaded.field(key) == made.fields[key]) }
            #expect(loaded.tags == made.tags)
            #expect(loaded == made)
        }
    }

    @Test("a CSV row's own id is its id cell as written (quotes undone), else its uuid cell; a repeated one names both lines")
    func csvIDs() throws {
        let text = "id,input\n\"a \"\"b\"\"\",x\n\"multi\nline\",y\nplain,z\n"
        let suite = try SuiteLoader.parse(text, format: .csv, name: "ids.csv")
        #expect(suite.cases.map(\.id) == ["a \"b\"", "multi\nline", "plain"])
        let uuids = try SuiteLoader.parse("uuid,input\nu-1,x\n", format: .csv, name: "uuids.csv")
        #expect(uuids.cases.map(\.id) == ["u-1"])
        let error = try #require(throws: SuiteLoadError.self) {
            try SuiteLoader.parse(text + "\"plain\",again\n", format: .csv, name: "ids.csv")
        }
        #expect(error.description.hasPrefix(#"ids.csv:6: error: duplicate id "plain": line 5 and line 6 have the same id"#))
    }
}
