import CSQLite
import Foundation

extension SQLiteDatabase {
    /// Copies this connection's `main` database into `destination` with SQLite's online backup API
    /// (https://sqlite.org/backup.html): `sqlite3_backup_init`, then `sqlite3_backup_step` of `pagesPerStep` pages
    /// until done, then `sqlite3_backup_finish`. Returns the number of pages copied.
    ///
    /// Each step takes a read lock on this database for its duration only, unless a read transaction is already
    /// open here, in which case every step reads that one snapshot (a writer on another connection then makes no
    /// step start over). In WAL mode a reader never blocks writers. A step that finds the destination busy is tried
    /// again for up to `busyTimeout` seconds.
    ///
    /// - Parameter afterEachStep: called after each step that left pages to copy, with how many remain.
    public func backup(
        into destination: SQLiteDatabase, pagesPerStep: Int32 = 1024, busyTimeout: Double = 5,
        afterEachStep: (_ remainingPages: Int) throws -> Void = { _ in }
    ) throws -> Int {
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw SQLiteError(code: sqlite3_extended_errcode(destination.handle), connection: destination.handle, sql: nil)
        }
        var finished = false
        defer { if !finished { sqlite3_backup_finish(backup) } }
        var busySince: Date?
        while true {
            let code = sqlite3_backup_step(backup, pagesPerStep)
            if code == SQLITE_DONE { break }
            if code == SQLITE_BUSY || code == SQLITE_LOCKED {
                let since = busySince ?? Date()
                busySince = since
                guard Date().timeIntervalSince(since) < busyTimeout else { throw SQLiteError(code: code) }
                usleep(10_000)
                continue
            }
            guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: destination.handle, sql: nil) }
            busySince = nil
            try afterEachStep(Int(sqlite3_backup_remaining(backup)))
        }
        let pages = Int(sqlite3_backup_pagecount(backup))
        finished = true
        let code = sqlite3_backup_finish(backup)
        guard code == SQLITE_OK else { throw SQLiteError(code: code, connection: destination.handle, sql: nil) }
        return pages
    }
}
