import CSQLite

extension SQLiteDatabase {
    /// How a transaction takes its locks (https://sqlite.org/lang_transaction.html).
    public enum TransactionKind: String, Sendable {
        /// Takes locks on first read or write.
        case deferred = "DEFERRED"
        /// Takes the write lock at once: the right kind for read-then-write, so it never fails with
        /// SQLITE_BUSY half way (busy_timeout applies to BEGIN instead).
        case immediate = "IMMEDIATE"
        case exclusive = "EXCLUSIVE"
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    ///
    /// Called inside another transaction, it runs in a SAVEPOINT instead, so a nested failure rolls back only
    /// its own work (the `kind` then does not apply: the outer transaction holds the locks).
    public func transaction<T>(_ kind: TransactionKind = .deferred, _ body: () throws -> T) throws -> T {
        if isInTransaction { return try savepoint(body) }
        try execute("BEGIN \(kind.rawValue) TRANSACTION")
        let result: T
        do {
            result = try body()
        } catch {
            rollbackQuietly()
            throw error
        }
        do {
            try execute("COMMIT TRANSACTION")
        } catch {
            rollbackQuietly()
            throw error
        }
        return result
    }

    private func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "calsync_savepoint_\(savepointDepth)"
        try execute("SAVEPOINT \(name)")
        do {
            let result = try body()
            try execute("RELEASE SAVEPOINT \(name)")
            return result
        } catch {
            // ROLLBACK TO keeps the savepoint on the stack; RELEASE then pops it.
            try? execute("ROLLBACK TO SAVEPOINT \(name)")
            try? execute("RELEASE SAVEPOINT \(name)")
            throw error
        }
    }

    /// Rolls back when a transaction is still open (SQLite may already have rolled back, e.g. on SQLITE_FULL).
    private func rollbackQuietly() {
        if isInTransaction { try? execute("ROLLBACK TRANSACTION") }
    }
}
