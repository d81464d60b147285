import CalSyncCore
import Foundation

// MARK: - Training events and their assignments

extension CalSyncStore {
    static let trainingEventColumns = "id, title, start_ms, end_ms, time_zone, location, description, status"

    /// Inserts or updates (by id) a training event and replaces its assignments, keeping the order of
    /// `instructorIds` (a repeated id keeps its first place). Returns true when the event was created.
    @discardableResult
    public func saveTrainingEvent(_ event: TrainingEvent) throws -> Bool {
        try db.transaction(.immediate) {
            try db.run(
                """
                INSERT INTO training_events (\(Self.trainingEventColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO NOTHING
                """,
                event.id, event.title, event.start.millisecondsSince1970, event.end.millisecondsSince1970,
                event.timeZone, event.location, event.description, event.status.rawValue)
            let created = db.changes > 0
            if !created {
                try db.run(
                    """
                    UPDATE training_events SET title = ?, start_ms = ?, end_ms = ?, time_zone = ?, location = ?,
                        description = ?, status = ?
                    WHERE id = ?
                    """,
                    event.title, event.start.millisecondsSince1970, event.end.millisecondsSince1970, event.timeZone,
                    event.location, event.description, event.status.rawValue, event.id)
                try db.run("DELETE FROM event_assignments WHERE event_id = ?", event.id)
            }
            var seen: Set<String> = []
            for instructorId in event.instructorIds where seen.insert(instructorId).inserted {
                try db.run(
                    "INSERT INTO event_assignments (event_id, instructor_id, position) VALUES (?, ?, ?)",
                    event.id, instructorId, seen.count)
            }
            return created
        }
    }

    /// Every training event, by start then id.
    public func trainingEvents() throws -> [TrainingEvent] {
        let events = try db.fetchAll("SELECT \(Self.trainingEventColumns) FROM training_events ORDER BY start_ms, id") {
            try Self.trainingEvent(from: $0)
        }
        return try events.map(withAssignments)
    }

    public func trainingEvent(id: String) throws -> TrainingEvent? {
        try db.fetchOne("SELECT \(Self.trainingEventColumns) FROM training_events WHERE id = ?", id) {
            try Self.trainingEvent(from: $0)
        }.map(withAssignments)
    }

    /// Removes a training event and its assignments. Unknown ids are ignored.
    public func deleteTrainingEvent(id: String) throws {
        try db.run("DELETE FROM training_events WHERE id = ?", id)
    }

    /// The training events a person is assigned to, by start then id; with a range, only those overlapping it
    /// (half-open: an event ending exactly at the range start is not included).
    public func trainingEvents(instructorId: String, overlapping range: TimeRange?) throws -> [TrainingEvent] {
        let columns = "e.id, e.title, e.start_ms, e.end_ms, e.time_zone, e.location, e.description, e.status"
        let events: [TrainingEvent]
        if let range {
            events = try db.fetchAll(
                """
                SELECT \(columns) FROM event_assignments a JOIN training_events e ON e.id = a.event_id
                WHERE a.instructor_id = ? AND e.start_ms < ? AND e.end_ms > ?
                ORDER BY e.start_ms, e.id
                """,
                instructorId, range.end.millisecondsSince1970, range.start.millisecondsSince1970
            ) { try Self.trainingEvent(from: $0) }
        } else {
            events = try db.fetchAll(
                """
                SELECT \(columns) FROM event_assignments a JOIN training_events e ON e.id = a.event_id
                WHERE a.instructor_id = ? ORDER BY e.start_ms, e.id
                """,
                instructorId
            ) { try Self.trainingEvent(from: $0) }
        }
        return try events.map(withAssignments)
    }

    private func withAssignments(_ event: TrainingEvent) throws -> TrainingEvent {
        var event = event
        event.instructorIds = try db.fetchAll(
            "SELECT instructor_id FROM event_assignments WHERE event_id = ? ORDER BY position", event.id
        ) { $0.string(at: 0) }
        return event
    }

    static func trainingEvent(from row: Statement) throws -> TrainingEvent {
        TrainingEvent(
            id: row.string(at: 0),
            title: row.string(at: 1),
            start: row.date(at: 2),
            end: row.date(at: 3),
            timeZone: row.string(at: 4),
            location: row.optionalString(at: 5),
            description: row.optionalString(at: 6),
            status: try row.enumValue(TrainingEvent.Status.self, at: 7))
    }
}
