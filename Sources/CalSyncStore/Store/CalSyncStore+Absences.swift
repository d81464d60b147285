import CalSyncCore
import Foundation

// MARK: - Absences (leave)

extension CalSyncStore {
    static let absenceColumns = """
        id, person_id, account_name, counts_as_absence, public_reason, remote_work, start_date, start_half, \
        end_date, end_half, status
        """

    /// Inserts or updates (by id) an absence. Returns true when it was created. Throws `StoreError.notFound`
    /// when the person is unknown.
    @discardableResult
    public func saveAbsence(_ absence: Absence) throws -> Bool {
        try requiringParents("instructor \(absence.personId)") {
            try db.transaction(.immediate) {
                try db.run(
                    """
                    INSERT INTO absences (\(Self.absenceColumns), start_day, end_day)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO NOTHING
                    """,
                    absence.id, absence.personId, absence.account.name, absence.account.countsAsAbsence,
                    absence.account.publicReason, absence.account.remoteWork, absence.start.date.description,
                    absence.start.half.rawValue, absence.end.date.description, absence.end.half.rawValue,
                    absence.status.rawValue, absence.start.date.daysSinceEpoch, absence.end.date.daysSinceEpoch)
                if db.changes > 0 { return true }
                try db.run(
                    """
                    UPDATE absences SET person_id = ?, account_name = ?, counts_as_absence = ?, public_reason = ?,
                        remote_work = ?, start_date = ?, start_half = ?, end_date = ?, end_half = ?, status = ?,
                        start_day = ?, end_day = ?
                    WHERE id = ?
                    """,
                    absence.personId, absence.account.name, absence.account.countsAsAbsence, absence.account.publicReason,
                    absence.account.remoteWork, absence.start.date.description, absence.start.half.rawValue,
                    absence.end.date.description, absence.end.half.rawValue, absence.status.rawValue,
                    absence.start.date.daysSinceEpoch, absence.end.date.daysSinceEpoch, absence.id)
                return false
            }
        }
    }

    public func absence(id: String) throws -> Absence? {
        try db.fetchOne("SELECT \(Self.absenceColumns) FROM absences WHERE id = ?", id) { try Self.absence(from: $0) }
    }

    /// Removes an absence. Unknown ids are ignored.
    public func deleteAbsence(id: String) throws {
        try db.run("DELETE FROM absences WHERE id = ?", id)
    }

    /// Every absence, by start date then id.
    public func absences() throws -> [Absence] {
        try db.fetchAll("SELECT \(Self.absenceColumns) FROM absences ORDER BY start_day, id") { try Self.absence(from: $0) }
    }

    /// The absences whose last day is `date` or later, by start date then id (initialization).
    public func absences(endingOnOrAfter date: LocalDate) throws -> [Absence] {
        try db.fetchAll(
            "SELECT \(Self.absenceColumns) FROM absences WHERE end_day >= ? ORDER BY start_day, id", date.daysSinceEpoch
        ) { try Self.absence(from: $0) }
    }

    /// One person's absences, by start date then id; with `days`, only those with a day in it (inclusive).
    public func absences(personId: String, days: ClosedRange<LocalDate>? = nil) throws -> [Absence] {
        try Self.absences(personId: personId, days: days, db: db)
    }

    /// The mappings of every segment of one absence (its push keys' item ids are `<absenceId>~<part>`).
    public func absenceMappings(absenceId: String) throws -> [EventMapping] {
        // Ids are `[A-Za-z0-9._:-]`: the segments of `a` sort between "a~" and "a\u{7F}", and "a.b~…" does not.
        try db.fetchAll(
            """
            SELECT \(Self.mappingColumns) FROM event_mappings
            WHERE item_kind = 'absence' AND item_id >= ? AND item_id < ?
            ORDER BY integration_id, item_id, instructor_id
            """,
            absenceId + "~", absenceId + "\u{7F}"
        ) { try Self.mapping(from: $0) }
    }

    static func absences(personId: String, days: ClosedRange<LocalDate>?, db: SQLiteDatabase) throws -> [Absence] {
        guard let days else {
            return try db.fetchAll(
                "SELECT \(absenceColumns) FROM absences WHERE person_id = ? ORDER BY start_day, id", personId
            ) { try absence(from: $0) }
        }
        return try db.fetchAll(
            """
            SELECT \(absenceColumns) FROM absences
            WHERE person_id = ? AND end_day >= ? AND start_day <= ?
            ORDER BY start_day, id
            """,
            personId, days.lowerBound.daysSinceEpoch, days.upperBound.daysSinceEpoch
        ) { try absence(from: $0) }
    }

    static func absence(from row: Statement) throws -> Absence {
        func date(_ index: Int32) throws -> LocalDate {
            guard let date = LocalDate(row.string(at: index)) else {
                throw StoreError.corruptValue("\(row.columnName(at: index)) is not a date")
            }
            return date
        }
        return Absence(
            id: row.string(at: 0),
            personId: row.string(at: 1),
            account: Absence.Account(
                name: row.string(at: 2), countsAsAbsence: row.bool(at: 3), publicReason: row.bool(at: 4),
                remoteWork: row.bool(at: 5)),
            start: Absence.Boundary(date: try date(6), half: try row.enumValue(Absence.Half.self, at: 7)),
            end: Absence.Boundary(date: try date(8), half: try row.enumValue(Absence.Half.self, at: 9)),
            status: try row.enumValue(Absence.Status.self, at: 10))
    }
}
