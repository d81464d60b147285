import CalSyncCore
import Foundation

// MARK: - Instructor matches (one per instructor × integration)

extension CalSyncStore {
    // Columns named when Microsoft 365 was the only calendar system: `calendar_user_id` holds the calendar id,
    // `calendar_user_mail` its address, `mailbox_time_zone` the calendar's zone.
    static let matchColumns = """
        instructor_id, integration_id, status, calendar_user_id, calendar_user_mail, reason, mailbox_time_zone, \
        matched_at_ms, matched_email
        """

    /// Inserts or replaces the match of one person in one integration.
    /// Throws `StoreError.notFound` when the store knows neither the integration nor the person.
    public func saveMatch(_ match: InstructorMatch) throws {
        try requiringParents("integration \(match.integrationId) or instructor \(match.instructorId)") {
            try db.run(
                """
                INSERT INTO instructor_matches (\(Self.matchColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(integration_id, instructor_id) DO UPDATE SET
                    status = excluded.status, calendar_user_id = excluded.calendar_user_id,
                    calendar_user_mail = excluded.calendar_user_mail, reason = excluded.reason,
                    mailbox_time_zone = excluded.mailbox_time_zone, matched_at_ms = excluded.matched_at_ms,
                    matched_email = excluded.matched_email
                """,
                match.instructorId, match.integrationId, match.status.rawValue, match.calendarId,
                match.calendarAddress, match.reason, match.calendarTimeZone, match.matchedAt?.millisecondsSince1970,
                match.matchedEmail)
        }
    }

    /// Saves many matches in one transaction (a first cycle matches thousands of people at once) and returns the
    /// ones saved: a person or integration deleted meanwhile is skipped.
    public func saveMatches(_ matches: [InstructorMatch]) throws -> [InstructorMatch] {
        guard !matches.isEmpty else { return [] }
        return try db.transaction(.immediate) {
            var saved: [InstructorMatch] = []
            saved.reserveCapacity(matches.count)
            for match in matches {
                do {
                    try saveMatch(match)
                    saved.append(match)
                } catch StoreError.notFound {}
            }
            return saved
        }
    }

    /// The matches of one integration, by instructor id.
    public func matches(integrationId: String) throws -> [InstructorMatch] {
        try db.fetchAll(
            "SELECT \(Self.matchColumns) FROM instructor_matches WHERE integration_id = ? ORDER BY instructor_id",
            integrationId
        ) { try Self.match(from: $0) }
    }

    /// The matches of one person, one per integration, by integration id.
    public func matches(instructorId: String) throws -> [InstructorMatch] {
        try db.fetchAll(
            "SELECT \(Self.matchColumns) FROM instructor_matches WHERE instructor_id = ? ORDER BY integration_id",
            instructorId
        ) { try Self.match(from: $0) }
    }

    public func match(instructorId: String, integrationId: String) throws -> InstructorMatch? {
        try db.fetchOne(
            "SELECT \(Self.matchColumns) FROM instructor_matches WHERE integration_id = ? AND instructor_id = ?",
            integrationId, instructorId
        ) { try Self.match(from: $0) }
    }

    static func match(from row: Statement) throws -> InstructorMatch {
        InstructorMatch(
            instructorId: row.string(at: 0),
            integrationId: row.string(at: 1),
            status: try row.enumValue(InstructorMatch.Status.self, at: 2),
            calendarId: row.optionalString(at: 3),
            calendarAddress: row.optionalString(at: 4),
            reason: row.optionalString(at: 5),
            calendarTimeZone: row.optionalString(at: 6),
            matchedAt: row.optionalDate(at: 7),
            matchedEmail: row.optionalString(at: 8))
    }
}
