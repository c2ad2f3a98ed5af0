@testable import AssayMetrics
import Foundation
import Testing

/// The WordNet reader answers as NLTK's `wordnet` corpus reader does on WordNet 3.0.
@Suite("WordNet")
struct WordNetTests {
    let wordNet = WordNet()

    @Test("morphy finds base forms through the exception lists and the detachment rules")
    func morphy() throws {
        #expect(try wordNet.morphy("abaci", as: .noun) == ["abacus"])  // noun.exc
        #expect(try wordNet.morphy("dogs", as: .noun) == ["dog"])
        #expect(try wordNet.morphy("us", as: .noun) == ["us", "u"])  // NLTK's own example
        #expect(try wordNet.morphy("book", as: .adjective) == [])
        #expect(try wordNet.morphy("hardrock", as: .adverb) == [])
        #expect(try wordNet.morphy("ran", as: .verb) == ["run"])  // verb.exc
    }

    @Test("synsets cover every part of speech in NLTK's order, with file order within each")
    func dogSynsets() throws {
        let synsets = try wordNet.synsets("Dogs")
        #expect(synsets.count == 8)
        #expect(synsets.map(\.partOfSpeech) == Array(repeating: .noun, count: 7) + [.verb])
        #expect(synsets.first == WordNetSynset(
            partOfSpeech: .noun, offset: 2_084_071, lemmaNames: ["dog", "domestic_dog", "Canis_familiaris"]))
    }

    @Test("the documentation example: lemma names of 'dogs' across its synsets")
    func documentationExample() throws {
        let names = try wordNet.synsets("dogs").flatMap(\.lemmaNames)
        #expect(Array(names.prefix(5)) == ["dog", "domestic_dog", "Canis_familiaris", "frump", "dog"])
    }

    @Test("lemma names keep their case")
    func caseKept() throws {
        #expect(try wordNet.synsets("september").map(\.lemmaNames) == [["September", "Sep", "Sept"]])
    }

    @Test("adjective markers are removed and satellites keep their type")
    func adjectiveMarkers() throws {
        let synsets = try wordNet.synsets("galore")
        #expect(synsets.map(\.lemmaNames) == [["galore"], ["abounding", "galore"]])
        #expect(synsets.map(\.partOfSpeech) == [.adjectiveSatellite, .adjectiveSatellite])
    }

    @Test("an unknown word has no synsets")
    func unknownWord() throws {
        #expect(try wordNet.synsets("qwzxv").isEmpty)
    }

    @Test("values naming the same directory share one loaded database")
    func loadedOnce() throws {
        let first = try WordNet().database()
        let second = try WordNet(directory: WordNet.debianDirectory).database()
        #expect(first === second)
    }

    @Test("a missing WordNet is an error value that says what to install")
    func missing() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("no-wordnet-\(UUID().uuidString)").path
        let absent = WordNet(directory: directory)
        let error = #expect(throws: WordNetError.self) { try absent.synsets("dog") }
        #expect(error?.isNotInstalled == true)
        #expect(error?.description.hasPrefix(
            "METEOR needs WordNet 3.0: install the Debian package wordnet-base") == true)
        #expect(error?.description.contains(directory) == true)
        #expect(throws: WordNetError.self) {
            try Meteor(wordNet: absent).score(hypothesis: ["a"], references: [["a"]])
        }
    }

    @Test("a directory with other files is reported as not installed, naming what is missing")
    func incomplete() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("partial-wordnet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("x".utf8).write(to: directory.appendingPathComponent("index.noun"))
        let error = #expect(throws: WordNetError.self) { try WordNet(directory: directory.path).load() }
        #expect(error?.isNotInstalled == true)
        #expect(error?.description.contains("data.noun") == true)
        #expect(error?.description.contains("index.noun,") == false)
    }
}
