import CalSyncCore
import Foundation

// MARK: - Instructors

extension CalSyncStore {
    static let instructorColumns = "id, name, email, establishment, time_zone, sync_enabled"

    /// Inserts or updates (by id) a person, exactly as given (`syncEnabled` included).
    /// Returns true when the person was created.
    @discardableResult
    public func saveInstructor(_ instructor: Instructor) throws -> Bool {
        try db.transaction(.immediate) {
            try db.run(
                "INSERT INTO instructors (\(Self.instructorColumns)) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                instructor.id, instructor.name, instructor.email, instructor.establishment, instructor.timeZone,
                instructor.syncEnabled)
            if db.changes > 0 { return true }
            try db.run(
                """
                UPDATE instructors SET name = ?, email = ?, establishment = ?, time_zone = ?, sync_enabled = ?
                WHERE id = ?
                """,
                instructor.name, instructor.email, instructor.establishment, instructor.timeZone,
                instructor.syncEnabled, instructor.id)
            return false
        }
    }

    /// Every person, by id.
    public func instructors() throws -> [Instructor] {
        try db.fetchAll("SELECT \(Self.instructorColumns) FROM instructors ORDER BY id") { Self.instructor(from: $0) }
    }

    /// The ids of the people whose sync is switched off.
    public func syncDisabledInstructorIds() throws -> Set<String> {
        Set(try db.fetchAll("SELECT id FROM instructors WHERE sync_enabled = 0") { $0.string(at: 0) })
    }

    public func instructor(id: String) throws -> Instructor? {
        try db.fetchOne("SELECT \(Self.instructorColumns) FROM instructors WHERE id = ?", id) {
            Self.instructor(from: $0)
        }
    }

    /// Removes the person, their assignments to training events, and (by cascade) their matches, busy blocks and
    /// delta states. Their event mappings stay: the pusher still has to delete the events they stand for.
    /// Unknown ids are ignored.
    public func deleteInstructor(id: String) throws {
        try db.transaction(.immediate) {
            try db.run("DELETE FROM event_assignments WHERE instructor_id = ?", id)
            try db.run("DELETE FROM instructors WHERE id = ?", id)
        }
    }

    /// Turns pull and push on or off for one person. Throws `StoreError.notFound` for an unknown id.
    public func setSyncEnabled(instructorId: String, enabled: Bool) throws {
        try db.run("UPDATE instructors SET sync_enabled = ? WHERE id = ?", enabled, instructorId)
        if db.changes == 0 { throw StoreError.notFound("instructor \(instructorId)") }
    }

    static func instructor(from row: Statement) -> Instructor {
        Instructor(
            id: row.string(at: 0),
            name: row.string(at: 1),
            email: row.string(at: 2),
            establishment: row.optionalString(at: 3),
            timeZone: row.optionalString(at: 4),
            syncEnabled: row.bool(at: 5))
    }
}
