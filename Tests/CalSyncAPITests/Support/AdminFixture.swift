import CalSyncCore
import CalSyncStore
import Foundation

/// Seeds for the admin route tests (integrations, sync control): what the scheduler and the worker would have
/// written to the store.
enum AdminFixture {
    /// 2026-03-01T00:00:00Z: the harness clock in these tests.
    static let now = Date(timeIntervalSince1970: 1_772_323_200)
    static let secret = "s3cr3t-Value~That-Must-Never-Leak"

    /// A valid create body; `overrides` replace or add fields.
    static func createBody(_ overrides: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "name": "Contoso M365", "type": "microsoft365", "tenantId": "contoso.onmicrosoft.com",
            "clientId": "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f", "clientSecret": secret,
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    /// Creates an integration through the API and returns its id.
    static func createIntegration(_ harness: APITestHarness, _ overrides: [String: Any] = [:]) async throws -> String {
        let reply = await harness.send(.post, "/v1/integrations", json: createBody(overrides))
        guard reply.status == 201, let id = reply.json["id"] as? String else {
            throw FixtureError("create answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
        }
        return id
    }

    /// An integration straight into the store.
    static func seedIntegration(
        _ store: CalSyncStore, _ id: String, establishments: [String] = [],
        status: Integration.Status = .active
    ) async throws {
        try await store.saveIntegration(
            Integration(
                id: id, name: "Integration \(id)", status: status, tenantId: "tenant", clientId: "client",
                clientSecret: Secret(secret), establishments: establishments, createdAt: now))
    }

    /// A person, matched in `integrationId` to directory user `u-<id>` when `matched`.
    static func seedPerson(
        _ store: CalSyncStore, _ id: String, establishment: String?, integrationId: String,
        matched: Bool = true
    ) async throws {
        try await store.saveInstructor(
            Instructor(
                id: id, name: "Person \(id)", email: "\(id)@contoso.com",
                establishment: establishment))
        try await store.saveMatch(
            InstructorMatch(
                instructorId: id, integrationId: integrationId, status: matched ? .matched : .unmatched,
                calendarId: matched ? "u-\(id)" : nil, calendarAddress: matched ? "\(id)@contoso.com" : nil,
                matchedAt: now, matchedEmail: "\(id)@contoso.com"))
    }

    /// A scheduled training event of one hour starting `hours` after `now`.
    static func seedEvent(
        _ store: CalSyncStore, _ id: String, hours: Double, instructors: [String],
        status: TrainingEvent.Status = .scheduled
    ) async throws {
        let start = now.addingTimeInterval(hours * 3_600)
        try await store.saveTrainingEvent(
            TrainingEvent(
                id: id, title: "Training \(id)", start: start, end: start.addingTimeInterval(3_600), timeZone: "Europe/Paris",
                status: status, instructorIds: instructors))
    }

    /// An event CalSync pushed earlier.
    static func seedMapping(_ store: CalSyncStore, integrationId: String, eventId: String, instructorId: String)
        async throws
    {
        try await store.saveMapping(
            EventMapping(
                key: PushKey(integrationId: integrationId, itemKind: .event, itemId: eventId, instructorId: instructorId),
                calendarId: "u-\(instructorId)", externalId: "ext-\(eventId)-\(instructorId)",
                idempotencyKey: "txn-\(eventId)-\(instructorId)", generation: 1, fingerprint: "old", updatedAt: now))
    }

    /// An operation in the log; returns its id.
    @discardableResult
    static func seedOperation(
        _ store: CalSyncStore, integrationId: String, instructorId: String, itemId: String = "e-1",
        itemKind: ItemKind = .event, action: OperationRecord.Action = .create, status: OperationRecord.Status,
        errorCode: String? = nil, httpStatus: Int? = nil, at: Date = now
    ) async throws -> Int64 {
        let failed = status == .error
        return try await store.appendOperation(
            OperationRecord(
                key: PushKey(integrationId: integrationId, itemKind: itemKind, itemId: itemId, instructorId: instructorId),
                action: action, status: status, attempts: status == .pending ? 0 : 1, createdAt: at,
                lastAttemptAt: status == .pending ? nil : at, externalId: failed ? nil : "ext-\(itemId)",
                errorCode: failed ? (errorCode ?? "ErrorItemNotFound") : nil,
                errorMessage: failed ? "The push failed." : nil, httpStatus: failed ? httpStatus : nil))
    }

    /// An approved absence of one day (`day`, whole day) of an account such as "Paid leave".
    static func seedAbsence(_ store: CalSyncStore, _ id: String, person: String, account: String, day: String)
        async throws
    {
        let date = LocalDate(day)!
        try await store.saveAbsence(
            Absence(
                id: id, personId: person, account: Absence.Account(name: account),
                start: Absence.Boundary(date: date, half: .am), end: Absence.Boundary(date: date, half: .pm),
                status: .approved))
    }

    /// A person's latest pull: a success at `success`, or a failure with `errorCode` at `now`.
    static func seedPull(
        _ store: CalSyncStore, _ instructorId: String, integrationId: String, success: Date? = now,
        errorCode: String? = nil, message: String? = nil
    ) async throws {
        try await store.saveSyncState(
            SyncState(
                integrationId: integrationId, instructorId: instructorId, calendarId: "u-\(instructorId)", cursor: nil,
                windowStart: now.addingTimeInterval(-86_400), windowEnd: now.addingTimeInterval(86_400 * 60),
                lastSuccessAt: success, lastErrorAt: errorCode == nil ? nil : now.addingTimeInterval(60),
                lastErrorCode: errorCode, lastErrorMessage: message))
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
