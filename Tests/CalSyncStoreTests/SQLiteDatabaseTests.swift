import CSQLite
import Foundation
import Testing

@testable import CalSyncStore

@Suite struct SQLiteDatabaseTests {
    @Test func bindsAndReadsEveryStorageClass() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
        let blob = Data([0, 1, 2, 255])
        try db.run("INSERT INTO t VALUES (?, ?, ?, ?, ?)", Int64.max, 1.5, "héllo\u{1F600}", blob, String?.none)
        #expect(db.changes == 1)
        #expect(db.lastInsertRowID == 1)
        let row = try db.fetchOne("SELECT i, r, s, b, n FROM t") { row in
            (
                row.int64(at: 0), row.double(at: 1), row.string(at: 2), row.data(at: 3), row.optionalString(at: 4),
                row.value(at: 4)
            )
        }
        #expect(row?.0 == Int64.max)
        #expect(row?.1 == 1.5)
        #expect(row?.2 == "héllo\u{1F600}")
        #expect(row?.3 == blob)
        #expect(row?.4 == nil)
        #expect(row?.5 == .null)
    }

    @Test func emptyBlobIsNotNull() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (b BLOB)")
        try db.run("INSERT INTO t VALUES (?)", Data())
        #expect(try db.fetchOne("SELECT b IS NULL FROM t") { $0.bool(at: 0) } == false)
        #expect(try db.fetchOne("SELECT length(b) FROM t") { $0.int(at: 0) } == 0)
    }

    @Test func errorsShowTheSQLButNeverTheBoundValues() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (id TEXT PRIMARY KEY)")
        try db.run("INSERT INTO t VALUES (?)", "top-secret-value")
        let error = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO t VALUES (?)", "top-secret-value") }
        #expect(error?.code == SQLITE_CONSTRAINT)
        #expect(error?.isConstraintViolation == true)
        #expect(error?.sql == "INSERT INTO t VALUES (?)")
        #expect(error?.description.contains("INSERT INTO t VALUES (?)") == true)
        #expect(error?.description.contains("top-secret-value") == false)
    }

    @Test func syntaxErrorsAndArgumentCountsAreReported() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        #expect(throws: SQLiteError.self) { try db.execute("CREATE TABLEX t (a)") }
        try db.execute("CREATE TABLE t (a)")
        let error = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO t VALUES (?)", 1, 2) }
        #expect(error?.code == SQLITE_RANGE)
        #expect(throws: SQLiteError.self) { _ = try db.prepare("SELECT 1; SELECT 2") }
    }

    @Test func cachedStatementsAreReused() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        let first = try db.cachedStatement("SELECT ?")
        let second = try db.cachedStatement("SELECT ?")
        #expect(first === second)
        #expect(try first.fetchOne(7) { $0.int(at: 0) } == 7)
        #expect(try second.fetchOne("x") { $0.string(at: 0) } == "x")
    }

    @Test func transactionCommitsOrRollsBack() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (a INTEGER)")
        try db.transaction(.immediate) { try db.run("INSERT INTO t VALUES (1)") }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction(.immediate) {
                try db.run("INSERT INTO t VALUES (2)")
                throw Boom()
            }
        }
        #expect(!db.isInTransaction)
        #expect(try db.fetchAll("SELECT a FROM t") { $0.int(at: 0) } == [1])
    }

    @Test func nestedTransactionsUseSavepoints() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (a INTEGER)")
        struct Boom: Error {}
        try db.transaction(.immediate) {
            try db.run("INSERT INTO t VALUES (1)")
            _ = try? db.transaction {
                try db.run("INSERT INTO t VALUES (2)")
                throw Boom()
            }
            try db.transaction { try db.run("INSERT INTO t VALUES (3)") }
        }
        #expect(try db.fetchAll("SELECT a FROM t ORDER BY a") { $0.int(at: 0) } == [1, 3])
    }

    @Test func configuresOptions() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        #expect(try db.configure(SQLITE_DBCONFIG_DEFENSIVE, enabled: true))
        #expect(try db.configure(SQLITE_DBCONFIG_DQS_DML, enabled: false) == false)
    }

    @Test func openFailureNamesThePath() {
        let error = #expect(throws: SQLiteError.self) {
            _ = try SQLiteDatabase(path: "/nonexistent-dir/x.sqlite", flags: [.readWrite])
        }
        #expect(error?.message.contains("/nonexistent-dir/x.sqlite") == true)
    }
}
