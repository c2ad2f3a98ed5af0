extension RunStore {
    /// The schema's versions, applied in order; a database with a version this build does not know
    /// was written by a newer Assay and is refused.
    ///
    /// Each is written for both databases. They differ in types only: SQLite's `DATETIME`, `REAL`
    /// and `BLOB` are PostgreSQL's `TEXT` (dates are stored as UTC text in both, see
    /// ``StoreDateText``), `DOUBLE PRECISION` and `BYTEA`; PostgreSQL's `runs` has a `seq` column
    /// where SQLite has its implicit `rowid` (see ``StoreDialect/insertionOrder``).
    static let migrations: [StoreMigration] = [
        StoreMigration(
            name: "v1",
            sqlite: """
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
                """,
            postgres: [
                """
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY NOT NULL,
                    seq BIGSERIAL NOT NULL,
                    created_at TEXT NOT NULL,
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
                    finished_at TEXT,
                    expected_count BIGINT NOT NULL,
                    finished_count BIGINT NOT NULL DEFAULT 0,
                    ok_count BIGINT NOT NULL DEFAULT 0,
                    error_count BIGINT NOT NULL DEFAULT 0,
                    cached_count BIGINT NOT NULL DEFAULT 0
                )
                """,
                "CREATE INDEX runs_by_creation ON runs(created_at, seq)",
                """
                CREATE TABLE case_results (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    case_id TEXT NOT NULL,
                    sample BIGINT NOT NULL,
                    position BIGINT NOT NULL,
                    prompt TEXT NOT NULL,
                    output TEXT,
                    extracted TEXT,
                    metrics TEXT NOT NULL,
                    status TEXT NOT NULL,
                    error TEXT,
                    latency_ms DOUBLE PRECISION,
                    prompt_tokens BIGINT,
                    completion_tokens BIGINT,
                    retries BIGINT NOT NULL,
                    cached BIGINT NOT NULL,
                    finished_at TEXT NOT NULL,
                    UNIQUE(run_id, case_id, sample)
                )
                """,
                "CREATE TABLE templates (sha256 TEXT PRIMARY KEY NOT NULL, system TEXT, text TEXT NOT NULL)",
                """
                CREATE TABLE cache (
                    key TEXT PRIMARY KEY NOT NULL,
                    response TEXT NOT NULL,
                    prompt_tokens BIGINT,
                    completion_tokens BIGINT,
                    latency_ms DOUBLE PRECISION,
                    created_at TEXT NOT NULL
                )
                """,
            ]
        ),
        // v2: token embeddings of texts, so that re-scoring with BERTScore skips the encoder.
        StoreMigration(
            name: "v2",
            sqlite: """
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
                """,
            postgres: [
                """
                CREATE TABLE embeddings (
                    key TEXT PRIMARY KEY NOT NULL,
                    model_sha TEXT NOT NULL,
                    layer BIGINT NOT NULL,
                    text_sha TEXT NOT NULL,
                    dims BIGINT NOT NULL,
                    tokens BIGINT NOT NULL,
                    vectors BYTEA NOT NULL,
                    created_at TEXT NOT NULL
                )
                """,
            ]
        ),
        // turns: the turns of multi-turn cases, as a JSON array (null for other cases).
        StoreMigration(both: "turns", "ALTER TABLE case_results ADD COLUMN turns TEXT"),
        // fingerprints: embeddings are keyed by the weights' XXH64 fingerprint instead of their
        // SHA-256. Entries keyed the old way can never be looked up again, so they go.
        StoreMigration(both: "fingerprints", "DELETE FROM embeddings", "ALTER TABLE embeddings RENAME COLUMN model_sha TO model_digest"),
        // records: a run keeps the cases it evaluated (content-addressed, so many runs over one
        // suite store its cases once) and its summary, computed once when it stops; a cached answer
        // keeps the retries its call took, so that a rerun from the cache reports the same.
        StoreMigration(
            name: "records",
            sqlite: """
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
                """,
            postgres: [
                "CREATE TABLE cases (sha256 TEXT PRIMARY KEY NOT NULL, fields TEXT NOT NULL)",
                """
                CREATE TABLE case_lists (
                    list_sha TEXT NOT NULL,
                    position BIGINT NOT NULL,
                    case_sha TEXT NOT NULL REFERENCES cases(sha256),
                    PRIMARY KEY (list_sha, position)
                )
                """,
                "ALTER TABLE runs ADD COLUMN cases_sha TEXT",
                "ALTER TABLE runs ADD COLUMN summary TEXT",
                "ALTER TABLE cache ADD COLUMN retries BIGINT",
            ]
        ),
        // leases: the process running a run (`host:pid`) and its last heartbeat, so that a run whose
        // process died reads as interrupted (see RunLease).
        StoreMigration(
            name: "leases",
            sqlite: """
                ALTER TABLE runs ADD COLUMN owner TEXT;
                ALTER TABLE runs ADD COLUMN heartbeat_at DATETIME;
                """,
            postgres: ["ALTER TABLE runs ADD COLUMN owner TEXT", "ALTER TABLE runs ADD COLUMN heartbeat_at TEXT"]
        ),
        // tool_calls: the tools a case's answer called, as a JSON array (null when the run offered none).
        StoreMigration(both: "tool_calls", "ALTER TABLE case_results ADD COLUMN tool_calls TEXT"),
        // streaming: a streamed answer's time to first token and output tokens per second.
        StoreMigration(
            name: "streaming",
            sqlite: """
                ALTER TABLE case_results ADD COLUMN ttft_ms REAL;
                ALTER TABLE case_results ADD COLUMN tokens_per_s REAL;
                """,
            postgres: [
                "ALTER TABLE case_results ADD COLUMN ttft_ms DOUBLE PRECISION",
                "ALTER TABLE case_results ADD COLUMN tokens_per_s DOUBLE PRECISION",
            ]
        ),
        // queue: runs queued for workers (status `queued`): a work item per case and sample until
        // its result is stored, leased by one worker at a time; and the workers that are alive.
        StoreMigration(
            name: "queue",
            sqlite: """
                CREATE TABLE work_items (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    sample INTEGER NOT NULL,
                    worker TEXT,
                    lease_until DATETIME,
                    PRIMARY KEY (run_id, position, sample)
                );
                CREATE INDEX work_items_by_worker ON work_items(worker);
                CREATE TABLE workers (
                    id TEXT PRIMARY KEY NOT NULL,
                    host TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    concurrency INTEGER NOT NULL,
                    started_at DATETIME NOT NULL,
                    heartbeat_at DATETIME NOT NULL,
                    finished INTEGER NOT NULL DEFAULT 0
                );
                """,
            postgres: [
                """
                CREATE TABLE work_items (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    position BIGINT NOT NULL,
                    sample BIGINT NOT NULL,
                    worker TEXT,
                    lease_until TEXT,
                    PRIMARY KEY (run_id, position, sample)
                )
                """,
                "CREATE INDEX work_items_by_worker ON work_items(worker)",
                """
                CREATE TABLE workers (
                    id TEXT PRIMARY KEY NOT NULL,
                    host TEXT NOT NULL,
                    pid BIGINT NOT NULL,
                    concurrency BIGINT NOT NULL,
                    started_at TEXT NOT NULL,
                    heartbeat_at TEXT NOT NULL,
                    finished BIGINT NOT NULL DEFAULT 0
                )
                """,
            ]
        ),
        // budgets: the `max_cost` of a queued run held across its workers: whether it has refused
        // a request, and each worker's share (dollars it holds, allowance and requests in flight,
        // until `held_until`, which its heartbeat renews; dollars spent; the requests metered).
        StoreMigration(
            name: "budgets",
            sqlite: """
                CREATE TABLE run_budgets (
                    run_id TEXT PRIMARY KEY NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    exhausted INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE budget_shares (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    worker TEXT NOT NULL,
                    held REAL NOT NULL DEFAULT 0,
                    held_until DATETIME,
                    spent REAL NOT NULL DEFAULT 0,
                    metered_requests INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (run_id, worker)
                );
                CREATE INDEX budget_shares_by_worker ON budget_shares(worker);
                """,
            postgres: [
                """
                CREATE TABLE run_budgets (
                    run_id TEXT PRIMARY KEY NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    exhausted BIGINT NOT NULL DEFAULT 0
                )
                """,
                """
                CREATE TABLE budget_shares (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    worker TEXT NOT NULL,
                    held DOUBLE PRECISION NOT NULL DEFAULT 0,
                    held_until TEXT,
                    spent DOUBLE PRECISION NOT NULL DEFAULT 0,
                    metered_requests BIGINT NOT NULL DEFAULT 0,
                    PRIMARY KEY (run_id, worker)
                )
                """,
                "CREATE INDEX budget_shares_by_worker ON budget_shares(worker)",
            ]
        ),
        // result_order: a run's results are read in pages, in their order (position, sample, case
        // id), by exports, rankings and comparisons that do not hold a whole run; this index lets
        // each page start where the last one stopped instead of sorting the run's results again.
        StoreMigration(both: "result_order", "CREATE INDEX case_results_in_order ON case_results(run_id, position, sample, case_id)"),
    ]

    /// The schema versions this build knows, oldest first.
    static var schemaVersions: [String] {
        migrations.map(\.name)
    }
}

extension StoreMigration {
    /// A migration whose statements both databases accept as they are.
    init(both name: String, _ statements: String...) {
        self.init(name: name, sqlite: statements.map { $0 + ";" }.joined(separator: "\n"), postgres: statements)
    }
}
