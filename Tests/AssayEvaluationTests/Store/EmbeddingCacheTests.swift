@testable import AssayEvaluation
import Foundation
import Testing

/// The run store's embedding cache: token embeddings by (model, layer, text), kept bit for bit.
struct EmbeddingCacheTests {
    static let model = String(repeating: "ab", count: 32)

    static func entry(_ text: String, layer: Int = 6, model: String = model, values: [Float]? = nil) -> CachedEmbedding {
        let vectors = values ?? (0 ..< 6).map { Float($0) * 0.25 - 0.6 }
        return CachedEmbedding(modelSHA256: model, layer: layer, text: text, tokenCount: vectors.count / 3, width: 3, vectors: vectors)
    }

    @Test func storedEmbeddingsComeBackBitForBit() async throws {
        let store = try RunStore.inMemory()
        let values: [Float] = [1, -0.0, .leastNonzeroMagnitude, -.greatestFiniteMagnitude, 0.1, 3.1415927]
        let stored = Self.entry("the cat sat", values: values)
        try await store.storeEmbeddings([stored])
        let found = try await store.embeddings(forKeys: [stored.key])
        #expect(found[stored.key] == stored)
        #expect(found[stored.key]?.vectors.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(found[stored.key]?.textSHA256 == CachedEmbedding.textSHA256("the cat sat"))
    }

    @Test func keysWithoutAnEntryAreAbsent() async throws {
        let store = try RunStore.inMemory()
        try await store.storeEmbeddings([Self.entry("seen")])
        let unseen = CachedEmbedding.key(modelSHA256: Self.model, layer: 6, text: "unseen")
        let found = try await store.embeddings(forKeys: [Self.entry("seen").key, unseen])
        #expect(Array(found.keys) == [Self.entry("seen").key])
    }

    @Test("the key changes with the model, the layer and the text", arguments: [
        (entry("text", layer: 4), "layer"),
        (entry("text", model: String(repeating: "cd", count: 32)), "model"),
        (entry("text "), "text"),
    ])
    func keysSeparateModelsLayersAndTexts(other: CachedEmbedding, differing: String) {
        #expect(other.key != Self.entry("text").key, "entries differing in \(differing) must not share a key")
    }

    @Test func aSecondStoreOfTheSameKeyReplacesTheFirst() async throws {
        let store = try RunStore.inMemory()
        try await store.storeEmbeddings([Self.entry("same", values: [1, 2, 3])])
        try await store.storeEmbeddings([Self.entry("same", values: [4, 5, 6])])
        #expect(try store.embeddingCount() == 1)
        #expect(try store.embeddingsBlocking(forKeys: [Self.entry("same").key]).first?.value.vectors == [4, 5, 6])
    }

    @Test func manyKeysAreLookedUpInOneCall() throws {
        let store = try RunStore.inMemory()
        let entries = (0 ..< 1200).map { Self.entry("text \($0)", values: [Float($0), 0, 1]) }
        try store.storeEmbeddingsBlocking(entries)
        let found = try store.embeddingsBlocking(forKeys: entries.map(\.key))
        #expect(found.count == 1200)
        #expect(found[entries[1111].key]?.vectors.first == 1111)
    }

    @Test func vectorsAreStoredAsLittleEndianFloat32() {
        let entry = Self.entry("one", values: [1, -2, 0.5])
        #expect(Array(entry.vectorBytes) == [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x3F])
        #expect(CachedEmbedding.vectors(from: entry.vectorBytes) == [1, -2, 0.5])
        #expect(CachedEmbedding.vectors(from: Data([1, 2, 3])) == nil)
    }

    @Test func theCacheSurvivesReopeningTheFile() throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        try store.storeEmbeddingsBlocking([Self.entry("kept")])
        let reopened = try RunStore(path: folder.path("runs.sqlite"))
        #expect(try reopened.embeddingsBlocking(forKeys: [Self.entry("kept").key]).count == 1)
    }

    @Test func aFileDigestIsTheSHA256OfItsBytes() throws {
        let (_, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let path = folder.path("weights.bin")
        try Data("abc".utf8).write(to: URL(fileURLWithPath: path))
        // FIPS 180-2's example digest of "abc".
        #expect(try FileDigest.sha256(ofFileAt: path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
