import CSQLite
import Foundation

/// CalSync's SQLite store: integrations, people, training events, pull and push state, the operations log.
///
/// An actor whose executor is a private serial DispatchQueue (GRDB's `DispatchQueueActor` shape): the one
/// SQLite connection is only ever touched on that queue, and its blocking calls never occupy the Swift
/// concurrency pool. Files are opened in WAL mode with `synchronous=NORMAL`, `foreign_keys=ON` and a 5 s busy
/// timeout; ":memory:" opens a private in-memory database (tests). Opening runs the migrations.
///
/// Storage rules: instants are INTEGER milliseconds since the epoch (UTC); settings are JSON text; credentials are
/// sealed (AES-256-GCM) when the store has a key, clear otherwise (`CredentialSealer`), and never appear in an error or
/// a log line. A database file the store creates is readable and writable by its owner only (0600).
public actor CalSyncStore {
    nonisolated let executor: DispatchQueueExecutor
    /// The connection; confined to `executor.queue` by the actor's isolation.
    let db: SQLiteDatabase
    public nonisolated let path: String
    /// Read-only connections for the hot read paths (`CalSyncStore+Reads.swift`).
    nonisolated let readers: ReaderPool
    /// Seals credentials on every write and opens them on every read; nil: they are stored in clear.
    public nonisolated let sealer: CredentialSealer?

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// The names of the migrations this binary knows, in the order they apply.
    public static var knownMigrations: [String] { CalSyncSchema.migrator.names }

    /// Opens (creating when missing) and migrates the database at `path`.
    /// Throws `StoreError.databaseTooNew` or `.migrationHistoryDiffers` when another CalSync wrote it,
    /// `StoreError.cannotOpen` when the file system says why it cannot be opened, `SQLiteError` otherwise.
    ///
    /// - Parameters:
    ///   - readers: read-only connections for the availability reads, each on its own serial queue
    ///     (opened on first use). An in-memory database reads on the store's own queue instead.
    ///   - sealer: the key credentials are sealed under (nil: they are written in clear; sealed ones cannot be read).
    public init(path: String, readers: Int = CalSyncStore.defaultReaderCount, sealer: CredentialSealer? = nil) throws {
        let executor = DispatchQueueExecutor(label: "calsync.store")
        self.executor = executor
        self.path = path
        self.sealer = sealer
        let db = try executor.queue.sync { try Self.openConnection(path: path) }
        self.db = db
        if ReaderPool.isInMemory(path) {
            // Confined to the store's queue: the shared lane runs there too.
            nonisolated(unsafe) let shared = db
            self.readers = ReaderPool(sharing: executor.queue, sealer: sealer) { shared }
        } else {
            self.readers = ReaderPool(path: path, count: readers, sealer: sealer)
        }
    }

    /// One reader per core, at least two.
    public static var defaultReaderCount: Int { max(2, ProcessInfo.processInfo.activeProcessorCount) }

    private static func openConnection(path: String) throws -> SQLiteDatabase {
        let db = try openFile(path: path)
        // Hygiene: no double-quoted string literals, no writes to the schema through pragmas or shadow tables.
        try db.configure(SQLITE_DBCONFIG_DQS_DDL, enabled: false)
        try db.configure(SQLITE_DBCONFIG_DQS_DML, enabled: false)
        try db.configure(SQLITE_DBCONFIG_DEFENSIVE, enabled: true)
        try db.execute("PRAGMA busy_timeout = 5000")
        try db.execute("PRAGMA foreign_keys = ON")
        // An in-memory database answers "memory" and keeps it; that is fine.
        try db.execute("PRAGMA journal_mode = WAL")
        try db.execute("PRAGMA synchronous = NORMAL")
        try CalSyncSchema.migrator.migrate(db)
        return db
    }

    // MARK: - Atomic units of work

    /// Runs several store calls as one IMMEDIATE transaction: everything `body` does is committed together, or
    /// nothing when it throws (the outbox rule: an API write and the operations it implies commit at once).
    ///
    ///     try await store.write { store in
    ///         let old = try store.trainingEvent(id: event.id)
    ///         try store.saveTrainingEvent(event)
    ///         try store.appendOperations(plan(old, event))
    ///     }
    ///
    /// `body` runs on the store's queue with synchronous access to the store; it must not block on anything else.
    public func write<T: Sendable>(_ body: @Sendable (isolated CalSyncStore) throws -> T) throws -> T {
        try db.transaction(.immediate) { try body(self) }
    }

    // MARK: - Maintenance

    /// `PRAGMA integrity_check`: "ok", or the problems found, one per line.
    public func integrityCheck() throws -> String {
        try db.fetchAll("PRAGMA integrity_check") { $0.string(at: 0) }.joined(separator: "\n")
    }

    /// The migrations recorded in the database, in the order they were applied.
    public func appliedMigrations() throws -> [String] {
        try CalSyncSchema.migrator.appliedMigrations(in: db)
    }

    /// The connection's journal mode ("wal" for files, "memory" for ":memory:").
    public func journalMode() throws -> String {
        guard case .text(let mode) = try db.pragma("journal_mode") else { return "" }
        return mode
    }

    /// The query plan SQLite chooses for `sql` (one detail line per step), for tests and `calsync doctor`.
    public func queryPlan(_ sql: String) throws -> [String] {
        let statement = try db.prepare("EXPLAIN QUERY PLAN " + sql)
        var arguments: [any SQLiteBindable] = []
        for _ in 0..<statement.parameterCount { arguments.append(SQLiteValue.null) }
        return try statement.fetchAll(arguments: arguments) { $0.string(at: 3) }
    }

    /// Checkpoints the WAL into the main file (a no-op for ":memory:").
    public func checkpoint() throws {
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    // MARK: - Helpers for the repository extensions

    /// Runs `body`, turning a foreign-key violation into `StoreError.notFound(what)`: rows such as busy blocks
    /// and matches can only be saved for an integration and a person the store knows.
    func requiringParents<T>(_ what: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError where error.isForeignKeyViolation {
            throw StoreError.notFound(what())
        }
    }
}
