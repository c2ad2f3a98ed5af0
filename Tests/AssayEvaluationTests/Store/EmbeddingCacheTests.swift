@testable import AssayEvaluation
import Foundation
import Testing

/// The run store's embedding cache: token embeddings by (model, layer, text), kept bit for bit.
struct EmbeddingCacheTests {
    static let model = String(repeating: "ab", count: 32)

    static func entry(_ text: String, layer: Int = 6, model: String = model, values: [Float]? = nil) -> CachedEmbedding {
        let vectors = values ?? (0 ..< 6).map { Float($0) * 0.25 - 0.6 }
        return CachedEmbedding(modelDigest: model, layer: layer, text: text, tokenCount: vectors.count / 3, width: 3, vectors: vectors)
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
        let unseen = CachedEmbedding.key(modelDigest: Self.model, layer: 6, text: "unseen")
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

    @Test("a file's fingerprint is the XXH64 of its bytes", arguments: [
        (0, "ef46db3751d8e999"), (1, "1f25c8d0bc1f4bb6"), (3, "31d2363f52e564c9"), (4, "9bb64b7d66ee9fda"),
        (7, "9a7b149959ce60d8"), (8, "dab99d95c6f90092"), (31, "a2aa5f33cc4a6119"), (32, "23c3c17ef790fd97"),
        (35, "a5b3456011d2913b"), (45, "86faee00897c4b41"), (63, "5e3e54b431c7493c"), (64, "0eb64b3ef6eeb01f"),
        (100, "a61f8d4c170fe531"), (1000, "5f235fa033f1a3fb"), (1999, "89da4409c1787d24"),
    ])
    func aFileFingerprintIsTheXXH64OfItsBytes(length: Int, expected: String) throws {
        let (_, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let path = folder.path("weights.bin")
        // Byte i is (7i + 3) mod 256. The expected values come from the Python package xxhash 4.1.0
        // (xxhash.xxh64(data, seed=0)), which wraps the xxHash project's C implementation; the
        // lengths cover every path: under one 32-byte stripe, whole stripes, and 8-, 4- and 1-byte tails.
        let bytes = (0 ..< length).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try FileDigest.fingerprint(ofFileAt: path) == "xxh64:" + expected)
    }

    @Test func embeddingsKeyedByTheWeightsSHA256AreDroppedWhenTheStoreIsUpgraded() throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        // Make the store as the version before fingerprints wrote it, holding one old entry.
        try store.writing { db in
            try db.execute("ALTER TABLE embeddings RENAME COLUMN model_digest TO model_sha")
            try db.execute("DELETE FROM grdb_migrations WHERE identifier = 'fingerprints'")
            try db.execute("""
                INSERT INTO embeddings (key, model_sha, layer, text_sha, dims, tokens, vectors, created_at)
                VALUES ('k', '\(String(repeating: "ab", count: 32))', 6, 't', 3, 1, x'0000803F000000C00000003F', '2026-01-01')
                """)
        }
        #expect(try store.embeddingCount() == 1)
        let upgraded = try RunStore(path: folder.path("runs.sqlite"))
        #expect(try upgraded.embeddingCount() == 0)
        try upgraded.storeEmbeddingsBlocking([Self.entry("new")])
        #expect(try upgraded.embeddingsBlocking(forKeys: [Self.entry("new").key]).count == 1)
    }
}
