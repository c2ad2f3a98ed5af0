import Foundation

/// The loaded WordNet files of one directory: immutable once built, shared by every
/// ``WordNet`` value that names the directory.
final class WordNetDatabase: Sendable {
    /// The files of one part of speech.
    struct Section: Sendable {
        let index: WordNetIndexFile
        let data: WordNetDataFile
        /// Inflected form → base forms, from the `.exc` file (a later line wins, as in NLTK).
        let exceptions: [[UInt8]: [[UInt8]]]
    }

    /// The files the database needs.
    static let requiredFiles: [String] = WordNetPartOfSpeech.lookupOrder.flatMap { pos in
        ["index.\(pos.fileSuffix)", "data.\(pos.fileSuffix)", "\(pos.fileSuffix).exc"]
    }

    let directory: String
    private let sections: [WordNetPartOfSpeech: Section]
    private let synonymCache = WordNetSynonymCache()

    /// Maps the files of `directory` and indexes them.
    ///
    /// - Throws: ``WordNetError`` when files are missing, not WordNet 3.0, or malformed.
    init(directory: String) throws(WordNetError) {
        let base = URL(fileURLWithPath: directory, isDirectory: true)
        let missing = Self.requiredFiles.filter { file in
            !FileManager.default.isReadableFile(atPath: base.appendingPathComponent(file).path)
        }
        guard missing.isEmpty else {
            throw .notInstalled(directory: directory, missingFiles: missing)
        }
        var sections: [WordNetPartOfSpeech: Section] = [:]
        for pos in WordNetPartOfSpeech.lookupOrder {
            let suffix = pos.fileSuffix
            let data = try WordNetDataFile(url: base.appendingPathComponent("data.\(suffix)"))
            let version = data.headerVersion()
            guard version == "3.0" else {
                throw .unsupportedVersion(directory: directory, found: version ?? "of unknown version")
            }
            sections[pos] = Section(
                index: try WordNetIndexFile(url: base.appendingPathComponent("index.\(suffix)")),
                data: data,
                exceptions: try Self.exceptions(at: base.appendingPathComponent("\(suffix).exc"))
            )
        }
        self.directory = directory
        self.sections = sections
    }

    /// The section holding `pos` (adjective satellites live with the adjectives).
    func section(_ pos: WordNetPartOfSpeech) -> Section {
        sections[pos == .adjectiveSatellite ? .adjective : pos]!
    }

    /// The synsets NLTK's `wordnet.synsets(word)` returns, as (file, offset) pairs in order.
    ///
    /// The word is lower-cased, then for each part of speech in ``WordNetPartOfSpeech/lookupOrder``
    /// every base form ``morphy(_:_:)`` finds contributes the synsets of its index entry.
    func synsetLocations(of word: [Unicode.Scalar]) throws(WordNetError) -> [(WordNetPartOfSpeech, Int)] {
        let form = Array(String(String.UnicodeScalarView(PythonString.lowercased(word))).utf8)
        var locations: [(WordNetPartOfSpeech, Int)] = []
        for pos in WordNetPartOfSpeech.lookupOrder {
            let index = section(pos).index
            for base in morphy(form, pos) {
                for offset in try index.synsetOffsets(of: base) {
                    locations.append((pos, offset))
                }
            }
        }
        return locations
    }

    /// The lemma names of every synset of `word`, as UTF-8 bytes (duplicates possible).
    func lemmaNames(of word: [Unicode.Scalar]) throws(WordNetError) -> [[UInt8]] {
        var names: [[UInt8]] = []
        for (pos, offset) in try synsetLocations(of: word) {
            names.append(contentsOf: try section(pos).data.synsetLemmas(at: offset).lemmaNames)
        }
        return names
    }

    /// The lemma names without `_` of every synset of `word`, as UTF-8 bytes: the
    /// single-word synonyms METEOR matches against. Remembered per word.
    func singleWordLemmaNames(of word: [Unicode.Scalar]) throws(WordNetError) -> Set<[UInt8]> {
        if let known = synonymCache.value(for: word) {
            return known
        }
        let names = Set(try lemmaNames(of: word).filter { !$0.contains(UInt8(ascii: "_")) })
        synonymCache.store(names, for: word)
        return names
    }

    private static func exceptions(at url: URL) throws(WordNetError) -> [[UInt8]: [[UInt8]]] {
        let bytes = try WordNetFileReader.contents(of: url)
        return bytes.withUnsafeBytes { raw in
            var map: [[UInt8]: [[UInt8]]] = [:]
            var start = 0
            while start < raw.count {
                let fields = WordNetFileReader.byteFields(ofLineAt: start, in: raw)
                if let form = fields.first {
                    map[form] = Array(fields.dropFirst())
                }
                start = WordNetFileReader.endOfLine(from: start, in: raw) + 1
            }
            return map
        }
    }
}
