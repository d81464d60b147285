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
            try Self.inReadTransaction(lane.db()) { try Self.syncFacts(for: instructor, lane: lane) }
        }
    }

    /// The availability facts of one person over `range`; nil when the store does not know the person.
    public nonisolated func availabilityFacts(instructorId: String, range: TimeRange) async throws -> AvailabilityFacts? {
        try await readers.read { lane in
            try Self.inReadTransaction(lane.db()) {
                try Self.availabilityFacts(instructorId: instructorId, range: range, lane: lane)
            }
        }
    }

    /// The availability facts of several people over `range`, in the order asked; people the store does not
    /// know are left out. The work is split over the reader lanes.
    public nonisolated func availabilityFacts(instructorIds: [String], range: TimeRange) async throws -> [AvailabilityFacts] {
        try await readers.readChunked(instructorIds) { lane, ids in
            try Self.inReadTransaction(lane.db()) {
                try ids.compactMap { try Self.availabilityFacts(instructorId: $0, range: range, lane: lane) }
            }
        }
    }

    // MARK: - On a lane

    /// BEGIN / COMMIT through cached statements (a read transaction costs two steps, not two parses).
    static func inReadTransaction<T>(_ db: SQLiteDatabase, _ body: () throws -> T) throws -> T {
        try db.run("BEGIN DEFERRED TRANSACTION")
        do {
            let result = try body()
            try db.run("COMMIT TRANSACTION")
            return result
        } catch {
            if db.isInTransaction { try? db.run("ROLLBACK TRANSACTION") }
            throw error
        }
    }

    static func availabilityFacts(instructorId: String, range: TimeRange, lane: ReaderLane) throws -> AvailabilityFacts? {
        let db = try lane.db()
        let now = ContinuousClock.now
        let memoizes = try lane.validateMemo(now: now)
        var person: LaneMemo.Person
        if memoizes, let known = lane.memo[instructorId] {
            person = known
        } else {
            guard
                let instructor = try db.fetchOne(
                    "SELECT \(instructorColumns) FROM instructors WHERE id = ?", instructorId,
                    row: {
                        Self.instructor(from: $0)
                    })
            else { return nil }
            person = LaneMemo.Person(
                facts: try syncFacts(for: instructor, lane: lane),
                assignments: try assignments(instructorId: instructorId, db: db),
                absences: try Self.absences(personId: instructorId, days: nil, db: db), longestBlockMs: nil)
        }
        if memoizes, person.longestBlockMs == nil, lane.memo.isQuiet(now: now) {
            person.longestBlockMs =
                try db.fetchOne(
                    "SELECT coalesce(max(end_ms - start_ms), 0) FROM busy_blocks WHERE instructor_id = ?", instructorId
                ) { $0.int64(at: 0) } ?? 0
        }
        if memoizes { lane.memo[instructorId] = person }
        let blocks = try busyIntervals(instructorId: instructorId, range: range, longestBlockMs: person.longestBlockMs, db: db)
        let assignments = person.assignments.filter { $0.start < range.end && $0.end > range.start }
        let days = absenceDays(overlapping: range)
        let absences = person.absences.filter { $0.end.date >= days.lowerBound && $0.start.date <= days.upperBound }
        return AvailabilityFacts(person: person.facts, blocks: blocks, assignments: assignments, absences: absences)
    }

    /// The person's busy blocks overlapping `range`, by start. With the longest block known, only entries
    /// starting after `from - longest` can overlap, and the by-person index (ordered by start) is read from there.
    static func busyIntervals(instructorId: String, range: TimeRange, longestBlockMs: Int64?, db: SQLiteDatabase) throws
        -> [BusyInterval]
    {
        let from = range.start.millisecondsSince1970
        let to = range.end.millisecondsSince1970
        let decode: (Statement) throws -> BusyInterval = { row in
            BusyInterval(
                start: row.date(at: 0), end: row.date(at: 1), kind: .external,
                showAs: try row.enumValue(ShowAs.self, at: 2), isAllDay: row.bool(at: 3))
        }
        if let longestBlockMs {
            return try db.fetchAll(
                """
                SELECT start_ms, end_ms, show_as, is_all_day FROM busy_blocks
                WHERE instructor_id = ? AND start_ms >= ? AND start_ms < ? AND end_ms > ?
                ORDER BY start_ms, end_ms
                """,
                instructorId, from - longestBlockMs, to, from, row: decode)
        }
        return try db.fetchAll(
            """
            SELECT start_ms, end_ms, show_as, is_all_day FROM busy_blocks
            WHERE instructor_id = ? AND start_ms < ? AND end_ms > ?
            ORDER BY start_ms, end_ms
            """,
            instructorId, to, from, row: decode)
    }

    /// The dates an absence may fall on to overlap `range` in any zone: the range's UTC dates, a day either side.
    static func absenceDays(overlapping range: TimeRange) -> ClosedRange<LocalDate> {
        let first = LocalDate(range.start, in: utc).adding(days: -1)
        let last = LocalDate(range.end, in: utc).adding(days: 1)
        return first...max(first, last)
    }

    private static let utc = TimeZone(identifier: "UTC")!

    /// Every assignment of the person, whatever its status, by start then event id.
    static func assignments(instructorId: String, db: SQLiteDatabase) throws -> [AvailabilityFacts.Assignment] {
        try db.fetchAll(
            """
            SELECT e.id, e.start_ms, e.end_ms, e.status FROM event_assignments a JOIN training_events e ON e.id = a.event_id
            WHERE a.instructor_id = ?
            ORDER BY e.start_ms, e.id
            """,
            instructorId
        ) { row in
            AvailabilityFacts.Assignment(
                eventId: row.string(at: 0), start: row.date(at: 1), end: row.date(at: 2),
                status: try row.enumValue(TrainingEvent.Status.self, at: 3))
        }
    }

    static func syncFacts(for instructor: Instructor, lane: ReaderLane) throws -> PersonSyncFacts {
        let db = try lane.db()
        let matches = try db.fetchAll(
            "SELECT \(matchColumns) FROM instructor_matches WHERE instructor_id = ? ORDER BY integration_id", instructor.id
        ) { try Self.match(from: $0) }
        let states = try db.fetchAll(
            "SELECT \(syncStateColumns) FROM delta_states WHERE instructor_id = ? ORDER BY integration_id", instructor.id
        ) { Self.syncState(from: $0) }
        return PersonSyncFacts(
            instructor: instructor, integrations: try lane.integrations(), matches: matches, syncStates: states)
    }
}
