import AssayMetrics
import Foundation
import Testing

/// Problems with the WordNet files become error values with useful messages.
@Suite("WordNet errors")
struct WordNetErrorTests {
    /// A directory holding every file WordNet needs, with the given contents.
    private func makeDirectory(header: String, nounIndex: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("wordnet-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for suffix in ["noun", "verb", "adj", "adv"] {
            try Data("  1 \(header)\n".utf8).write(to: directory.appendingPathComponent("data.\(suffix)"))
            let index = suffix == "noun" ? nounIndex : "  1 license\n"
            try Data(index.utf8).write(to: directory.appendingPathComponent("index.\(suffix)"))
            try Data().write(to: directory.appendingPathComponent("\(suffix).exc"))
        }
        return directory
    }

    @Test("another WordNet version is named in the error")
    func otherVersion() throws {
        let directory = try makeDirectory(
            header: "WordNet 3.1 Copyright 2011 by Princeton University.", nounIndex: "  1 license\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: WordNetError.self) { try WordNet(directory: directory.path).load() }
        #expect(error?.isNotInstalled == false)
        #expect(error?.description.contains("METEOR needs WordNet 3.0") == true)
        #expect(error?.description.contains("holds WordNet 3.1") == true)
    }

    @Test("an index that is not sorted is reported as malformed")
    func unsortedIndex() throws {
        let directory = try makeDirectory(
            header: "WordNet 3.0 Copyright 2006 by Princeton University.",
            nounIndex: "  1 license\nzebra n 1 0 1 0 00000001  \naardvark n 1 0 1 0 00000002  \n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: WordNetError.self) { try WordNet(directory: directory.path).synsets("zebra") }
        #expect(error?.description.hasPrefix("WordNet file index.noun is malformed") == true)
        #expect(error?.description.contains("not sorted") == true)
    }

    @Test("an index entry pointing at no synset is reported as malformed")
    func danglingOffset() throws {
        let directory = try makeDirectory(
            header: "WordNet 3.0 Copyright 2006 by Princeton University.",
            nounIndex: "  1 license\nzebra n 1 0 1 0 00000004  \n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let wordNet = WordNet(directory: directory.path)
        #expect(try wordNet.morphy("zebras", as: .noun) == ["zebra"])
        let error = #expect(throws: WordNetError.self) { try wordNet.synsets("zebra") }
        #expect(error?.description == "WordNet file data.noun is malformed: no synset at offset 4")
    }
}
