import Foundation

/// The embedding cache: token embeddings by (model, layer, text), so that BERTScore re-scores
/// texts it has seen without running the encoder again.
extension RunStore {
    /// The cached embeddings among some keys, by key; keys with no entry are absent.
    ///
    /// - Parameter keys: Keys made by ``CachedEmbedding/key(modelDigest:layer:text:)``.
    /// - Returns: The entries found.
    /// - Throws: ``RunStoreError`` when the database fails or an entry is damaged.
    package func embeddings(forKeys keys: [String]) async throws(RunStoreError) -> [String: CachedEmbedding] {
        guard !keys.isEmpty else { return [:] }
        return try await reading { db in try Self.fetchEmbeddings(keys, db) }
    }

    /// The cached embeddings among some keys, read on the calling thread.
    ///
    /// - Parameter keys: Keys made by ``CachedEmbedding/key(modelDigest:layer:text:)``.
    /// - Returns: The entries found.
    /// - Throws: ``RunStoreError`` when the database fails or an entry is damaged.
    package func embeddingsBlocking(forKeys keys: [String]) throws(RunStoreError) -> [String: CachedEmbedding] {
        guard !keys.isEmpty else { return [:] }
        return try reading { db in try Self.fetchEmbeddings(keys, db) }
    }

    /// Stores embeddings in one transaction, replacing entries with the same key.
    ///
    /// - Parameter embeddings: The entries to keep.
    /// - Throws: ``RunStoreError`` when the database fails.
    package func storeEmbeddings(_ embeddings: [CachedEmbedding]) async throws(RunStoreError) {
        guard !embeddings.isEmpty else { return }
        let rows = embeddings.map(Self.row)
        try await writing { db in try Self.insert(rows, db) }
    }

    /// Stores embeddings in one transaction on the calling thread.
    ///
    /// - Parameter embeddings: The entries to keep.
    /// - Throws: ``RunStoreError`` when the database fails.
    package func storeEmbeddingsBlocking(_ embeddings: [CachedEmbedding]) throws(RunStoreError) {
        guard !embeddings.isEmpty else { return }
        let rows = embeddings.map(Self.row)
        try writing { db in try Self.insert(rows, db) }
    }

    /// Whether the cache holds any embedding at all; when it holds none, no lookup can find one.
    ///
    /// - Throws: ``RunStoreError`` when the database fails.
    package func hasEmbeddings() async throws(RunStoreError) -> Bool {
        try await reading { db in try db.fetchOne("SELECT 1 FROM embeddings LIMIT 1") != nil }
    }

    /// The number of cached embeddings.
    ///
    /// - Throws: ``RunStoreError`` when the database fails.
    package func embeddingCount() throws(RunStoreError) -> Int {
        try reading { db in try db.fetchValue("SELECT COUNT(*) FROM embeddings") ?? 0 }
    }

    /// The columns of one entry, computed before entering the database's queue.
    private static func row(_ embedding: CachedEmbedding) -> StoreArguments {
        [
            embedding.key, embedding.modelDigest, embedding.layer, embedding.textSHA256,
            embedding.width, embedding.tokenCount, embedding.vectorBytes,
        ]
    }

    private static func insert(_ rows: [StoreArguments], _ db: any StoreConnection) throws {
        let sql = """
            INSERT INTO embeddings (key, model_digest, layer, text_sha, dims, tokens, vectors, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET model_digest = excluded.model_digest, layer = excluded.layer,
                text_sha = excluded.text_sha, dims = excluded.dims, tokens = excluded.tokens,
                vectors = excluded.vectors, created_at = excluded.created_at
            """
        let now = Date()
        for var arguments in rows {
            arguments += [now]
            try db.execute(sql, arguments)
        }
    }

    private static func fetchEmbeddings(_ keys: [String], _ db: any StoreConnection) throws -> [String: CachedEmbedding] {
        var found: [String: CachedEmbedding] = [:]
        // SQLite limits the number of parameters of a statement, so large lookups go in slices.
        for start in stride(from: 0, to: keys.count, by: 500) {
            let slice = Array(keys[start ..< min(start + 500, keys.count)])
            let placeholders = Array(repeating: "?", count: slice.count).joined(separator: ", ")
            let rows = try db.fetchAll(
                "SELECT key, model_digest, layer, text_sha, dims, tokens, vectors FROM embeddings WHERE key IN (\(placeholders))",
                StoreArguments(slice))
            for row in rows {
                let key: String = try row.get("key")
                let width: Int = try row.get("dims")
                let tokens: Int = try row.get("tokens")
                let bytes: Data = try row.get("vectors")
                guard let vectors = CachedEmbedding.vectors(from: bytes), vectors.count == width * tokens else {
                    throw RunStoreError(.corrupt, "the cached embedding \(key.prefix(12)) has \(bytes.count) bytes; expected \(tokens) × \(width) floats")
                }
                found[key] = CachedEmbedding(
                    key: key, modelDigest: try row.get("model_digest"), layer: try row.get("layer"), textSHA256: try row.get("text_sha"),
                    tokenCount: tokens, width: width, vectors: vectors)
            }
        }
        return found
    }
}
