internal import GRDB

extension RunStore {
    /// The schema's versions, applied in order; a database with a version this build does not know
    /// was written by a newer Assay and is refused.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY NOT NULL,
                    created_at DATETIME NOT NULL,
                    name TEXT NOT NULL,
                    tags TEXT NOT NULL,
                    status TEXT NOT NULL,
                    configuration TEXT NOT NULL,
                    suite_path TEXT,
                    suite_hash TEXT NOT NULL,
                    template_sha TEXT NOT NULL,
                    model TEXT NOT NULL,
                    derived_from TEXT,
                    pipeline TEXT,
                    finished_at DATETIME,
                    expected_count INTEGER NOT NULL,
                    finished_count INTEGER NOT NULL DEFAULT 0,
                    ok_count INTEGER NOT NULL DEFAULT 0,
                    error_count INTEGER NOT NULL DEFAULT 0,
                    cached_count INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX runs_by_creation ON runs(created_at);
                CREATE TABLE case_results (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    case_id TEXT NOT NULL,
                    sample INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    prompt TEXT NOT NULL,
                    output TEXT,
                    extracted TEXT,
                    metrics TEXT NOT NULL,
                    status TEXT NOT NULL,
                    error TEXT,
                    latency_ms REAL,
                    prompt_tokens INTEGER,
                    completion_tokens INTEGER,
                    retries INTEGER NOT NULL,
                    cached INTEGER NOT NULL,
                    finished_at DATETIME NOT NULL,
                    UNIQUE(run_id, case_id, sample)
                );
                CREATE TABLE templates (
                    sha256 TEXT PRIMARY KEY NOT NULL,
                    system TEXT,
                    text TEXT NOT NULL
                );
                CREATE TABLE cache (
                    key TEXT PRIMARY KEY NOT NULL,
                    response TEXT NOT NULL,
                    prompt_tokens INTEGER,
                    completion_tokens INTEGER,
                    latency_ms REAL,
                    created_at DATETIME NOT NULL
                );
                """)
        }
        // v2: token embeddings of texts, so that re-scoring with BERTScore skips the encoder.
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                CREATE TABLE embeddings (
                    key TEXT PRIMARY KEY NOT NULL,
                    model_sha TEXT NOT NULL,
                    layer INTEGER NOT NULL,
                    text_sha TEXT NOT NULL,
                    dims INTEGER NOT NULL,
                    tokens INTEGER NOT NULL,
                    vectors BLOB NOT NULL,
                    created_at DATETIME NOT NULL
                );
                """)
        }
        // turns: the turns of multi-turn cases, as a JSON array (null for other cases).
        migrator.registerMigration("turns") { db in
            try db.execute(sql: "ALTER TABLE case_results ADD COLUMN turns TEXT")
        }
        // fingerprints: embeddings are keyed by the weights' XXH64 fingerprint instead of their
        // SHA-256. Entries keyed the old way can never be looked up again, so they go.
        migrator.registerMigration("fingerprints") { db in
            try db.execute(sql: "DELETE FROM embeddings")
            try db.execute(sql: "ALTER TABLE embeddings RENAME COLUMN model_sha TO model_digest")
        }
        // records: a run keeps the cases it evaluated (content-addressed, so many runs over one
        // suite store its cases once) and its summary, computed once when it stops; a cached answer
        // keeps the retries its call took, so that a rerun from the cache reports the same.
        migrator.registerMigration("records") { db in
            try db.execute(sql: """
                CREATE TABLE cases (
                    sha256 TEXT PRIMARY KEY NOT NULL,
                    fields TEXT NOT NULL
                );
                CREATE TABLE case_lists (
                    list_sha TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    case_sha TEXT NOT NULL REFERENCES cases(sha256),
                    PRIMARY KEY (list_sha, position)
                ) WITHOUT ROWID;
                ALTER TABLE runs ADD COLUMN cases_sha TEXT;
                ALTER TABLE runs ADD COLUMN summary TEXT;
                ALTER TABLE cache ADD COLUMN retries INTEGER;
                """)
        }
        // leases: the process running a run (`host:pid`) and its last heartbeat, so that a run whose
        // process died reads as interrupted (see RunLease).
        migrator.registerMigration("leases") { db in
            try db.execute(sql: """
                ALTER TABLE runs ADD COLUMN owner TEXT;
                ALTER TABLE runs ADD COLUMN heartbeat_at DATETIME;
                """)
        }
        // tool_calls: the tools a case's answer called, as a JSON array (null when the run offered none).
        migrator.registerMigration("tool_calls") { db in
            try db.execute(sql: "ALTER TABLE case_results ADD COLUMN tool_calls TEXT")
        }
        // streaming: a streamed answer's time to first token and output tokens per second.
        migrator.registerMigration("streaming") { db in
            try db.execute(sql: """
                ALTER TABLE case_results ADD COLUMN ttft_ms REAL;
                ALTER TABLE case_results ADD COLUMN tokens_per_s REAL;
                """)
        }
        return migrator
    }

    /// The schema versions this build knows, oldest first.
    static var schemaVersions: [String] {
        migrator.migrations
    }
}
