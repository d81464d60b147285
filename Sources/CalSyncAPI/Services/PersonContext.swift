import CalSyncCore
import CalSyncStore
import Foundation

/// Everything the API says about one person's sync: the integration covering them, their match,
/// pull state and the fail-closed status.
public struct PersonContext: Sendable {
    public var instructor: Instructor
    public var integration: Integration?
    public var match: InstructorMatch?
    public var state: SyncState?
    public var status: PersonSyncStatus
    /// The time over which the person's calendar is known (`SyncWindow.known`); nil when it is known nowhere.
    public var knownWindow: TimeRange?

    /// The first active integration covering the person's establishment (else the first covering one).
    ///
    /// One read on a reader lane (integrations decoded once and cached there), not three store calls.
    public static func load(_ instructor: Instructor, store: CalSyncStore, now: Date) async throws -> PersonContext {
        resolve(try await store.personSyncFacts(for: instructor), now: now)
    }

    /// The context from facts already read (the availability reads fetch them with the busy time).
    public static func resolve(_ facts: PersonSyncFacts, now: Date) -> PersonContext {
        let instructor = facts.instructor
        let covering = facts.integrations.filter { $0.covers(establishment: instructor.establishment) }
        let integration = covering.first { $0.status == .active } ?? covering.first
        let match = integration.flatMap { facts.match(integrationId: $0.id) }
        let state = integration.flatMap { facts.syncState(integrationId: $0.id) }
        let status = PersonSyncStatus.resolve(
            instructor: instructor, integration: integration, match: match, state: state, now: now)
        return PersonContext(
            instructor: instructor, integration: integration, match: match, state: state, status: status,
            knownWindow: knownWindow(status: status, state: state, integration: integration, now: now))
    }

    /// What `SyncWindow.known` says for the person's pull state in the integration covering them.
    static func knownWindow(status: PersonSyncStatus, state: SyncState?, integration: Integration?, now: Date)
        -> TimeRange?
    {
        guard let integration else { return nil }
        return SyncWindow.known(status: status, state: state, settings: integration.settings, at: now)
    }

    public var lastSyncAt: Date? { state?.lastSuccessAt }

    /// The settings the person's absences are pushed with: the covering integration's, else the defaults.
    public var settings: SyncSettings { integration?.settings ?? SyncSettings() }

    /// The zone of the person's calendar, where their absences' days and hours are read: the calendar's own,
    /// else the person's, else UTC.
    public var calendarZone: TimeZone {
        AbsenceRules.calendarZone(calendarTimeZone: match?.calendarTimeZone, personTimeZone: instructor.timeZone)
    }
}
