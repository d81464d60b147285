import CalSyncCore
import CalSyncStore
import Foundation

/// Seeds the store behind an `APITestHarness` with what the worker would have written (integrations,
/// matches, pull states, mappings, busy blocks), for the instructor and event route tests.
enum PushFixture {
    /// 2026-03-01T00:00:00Z: the harness clock in these tests.
    static let now = Date(timeIntervalSince1970: 1_772_323_200)
    static let integrationId = "m365"

    static func integration(
        _ id: String = integrationId, establishments: [String] = [],
        status: Integration.Status = .active
    ) -> Integration {
        Integration(
            id: id, name: "Contoso M365", status: status, tenantId: "tenant", clientId: "client",
            clientSecret: Secret("secret-value"), establishments: establishments, createdAt: now)
    }

    static func seedIntegration(_ store: CalSyncStore, _ id: String = integrationId, establishments: [String] = [])
        async throws
    {
        try await store.saveIntegration(integration(id, establishments: establishments))
    }

    /// A person as the scheduler would have sent them (sync on unless said otherwise).
    static func seedInstructor(
        _ store: CalSyncStore, _ id: String, establishment: String = "paris",
        syncEnabled: Bool = true
    ) async throws {
        try await store.saveInstructor(
            Instructor(
                id: id, name: "Person \(id)", email: "\(id)@contoso.com",
                establishment: establishment, syncEnabled: syncEnabled))
    }

    /// The matcher's outcome for a person: matched to directory user `u-<id>` unless said otherwise.
    static func seedMatch(
        _ store: CalSyncStore, _ instructorId: String, status: InstructorMatch.Status = .matched,
        integrationId: String = integrationId
    ) async throws {
        let matched = status == .matched
        try await store.saveMatch(
            InstructorMatch(
                instructorId: instructorId, integrationId: integrationId, status: status,
                calendarId: matched ? "u-\(instructorId)" : nil,
                calendarAddress: matched ? "\(instructorId)@contoso.com" : nil,
                reason: matched ? nil : "No directory user has \(instructorId)@contoso.com.",
                matchedAt: now, matchedEmail: "\(instructorId)@contoso.com"))
    }

    /// A person known, matched and synced: integration must exist.
    static func seedMatchedInstructor(_ store: CalSyncStore, _ id: String, establishment: String = "paris")
        async throws
    {
        try await seedInstructor(store, id, establishment: establishment)
        try await seedMatch(store, id)
    }

    static func key(_ eventId: String, _ instructorId: String, itemKind: ItemKind = .event) -> PushKey {
        PushKey(integrationId: integrationId, itemKind: itemKind, itemId: eventId, instructorId: instructorId)
    }

    /// A calendar event CalSync pushed earlier (an old fingerprint, so any plan sees a change).
    static func seedMapping(
        _ store: CalSyncStore, _ eventId: String, _ instructorId: String,
        externalId: String? = nil, itemKind: ItemKind = .event
    ) async throws {
        let key = key(eventId, instructorId, itemKind: itemKind)
        try await store.saveMapping(
            EventMapping(
                key: key, calendarId: "u-\(instructorId)", externalId: externalId ?? "ext-\(eventId)-\(instructorId)",
                idempotencyKey: "txn-\(eventId)-\(instructorId)", generation: 1, fingerprint: "old", updatedAt: now))
    }

    /// A training event saved directly (no outbox): 2026-03-02 09:00–12:00 UTC plus `hours` shift.
    static func seedEvent(
        _ store: CalSyncStore, _ id: String, instructorIds: [String], startHour: Int = 9,
        hours: Int = 3
    ) async throws {
        try await store.saveTrainingEvent(event(id, instructorIds: instructorIds, startHour: startHour, hours: hours))
    }

    static func event(_ id: String, instructorIds: [String], startHour: Int = 9, hours: Int = 3) -> TrainingEvent {
        let start = at("2026-03-02T\(String(format: "%02d", startHour)):00:00Z")
        return TrainingEvent(
            id: id, title: "Course \(id)", start: start, end: start.addingTimeInterval(Double(hours) * 3600),
            timeZone: "Europe/Paris", instructorIds: instructorIds)
    }

    /// Every operation in the log, oldest first.
    static func operations(_ store: CalSyncStore) async throws -> [OperationRecord] {
        try await store.operations(limit: 10_000)
    }

    static func at(_ text: String) -> Date { Timestamp.parse(text)! }
}
