import CalSyncCore
import Foundation

// MARK: - Reads on the reader lanes (availability's hot path)

/// These reads run on the `ReaderPool`'s read-only connections, not on the store's queue: they never wait
/// behind a sync cycle's writes and run side by side on every core. Each call reads in one read transaction,
/// so what it returns is one committed state of the database.
extension CalSyncStore {
    /// The sync facts of a person the caller already holds (the person row is not read again).
    public nonisolated func personSyncFacts(for instructor: Instructor) async throws -> PersonSyncFacts {
        try await readers.read { lane in
            let db = try lane.db()
            return try db.transaction(.deferred) { try Self.syncFacts(for: instructor, lane: lane) }
        }
    }

    /// The availability facts of one person over `range`; nil when the store does not know the person.
    public nonisolated func availabilityFacts(instructorId: String, range: TimeRange) async throws -> AvailabilityFacts? {
        try await readers.read { lane in
            try lane.db().transaction(.deferred) { try Self.availabilityFacts(instructorId: instructorId, range: range, lane: lane) }
        }
    }

    /// The availability facts of several people over `range`, in the order asked; people the store does not
    /// know are left out. The work is split over the reader lanes.
    public nonisolated func availabilityFacts(instructorIds: [String], range: TimeRange) async throws -> [AvailabilityFacts] {
        try await readers.readChunked(instructorIds) { lane, ids in
            try lane.db().transaction(.deferred) {
                try ids.compactMap { try Self.availabilityFacts(instructorId: $0, range: range, lane: lane) }
            }
        }
    }

    // MARK: - On a lane

    static func availabilityFacts(instructorId: String, range: TimeRange, lane: ReaderLane) throws -> AvailabilityFacts? {
        let db = try lane.db()
        guard
            let instructor = try db.fetchOne("SELECT \(instructorColumns) FROM instructors WHERE id = ?", instructorId, row: {
                Self.instructor(from: $0)
            })
        else { return nil }
        let person = try syncFacts(for: instructor, lane: lane)
        let from = range.start.millisecondsSince1970
        let to = range.end.millisecondsSince1970
        let blocks = try db.fetchAll(
            """
            SELECT start_ms, end_ms, show_as, is_all_day FROM busy_blocks
            WHERE instructor_id = ? AND start_ms < ? AND end_ms > ?
            ORDER BY start_ms, end_ms
            """,
            instructorId, to, from
        ) { row in
            BusyInterval(start: row.date(at: 0), end: row.date(at: 1), kind: .external,
                         showAs: try row.enumValue(ShowAs.self, at: 2), isAllDay: row.bool(at: 3))
        }
        let assignments = try db.fetchAll(
            """
            SELECT e.id, e.start_ms, e.end_ms, e.status FROM event_assignments a JOIN training_events e ON e.id = a.event_id
            WHERE a.instructor_id = ? AND e.start_ms < ? AND e.end_ms > ?
            ORDER BY e.start_ms, e.id
            """,
            instructorId, to, from
        ) { row in
            AvailabilityFacts.Assignment(eventId: row.string(at: 0), start: row.date(at: 1), end: row.date(at: 2),
                                         status: try row.enumValue(TrainingEvent.Status.self, at: 3))
        }
        return AvailabilityFacts(person: person, blocks: blocks, assignments: assignments)
    }

    static func syncFacts(for instructor: Instructor, lane: ReaderLane) throws -> PersonSyncFacts {
        let db = try lane.db()
        let matches = try db.fetchAll(
            "SELECT \(matchColumns) FROM instructor_matches WHERE instructor_id = ? ORDER BY integration_id", instructor.id
        ) { try Self.match(from: $0) }
        let states = try db.fetchAll(
            "SELECT \(deltaStateColumns) FROM delta_states WHERE instructor_id = ? ORDER BY integration_id", instructor.id
        ) { Self.deltaState(from: $0) }
        return PersonSyncFacts(instructor: instructor, integrations: try lane.integrations(), matches: matches, deltaStates: states)
    }
}
