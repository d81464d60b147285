import Foundation
import Testing

@testable import CalSyncCore

@Suite struct PushTests {
    let key = PushKey(integrationId: "int", itemKind: .event, itemId: "t-1", instructorId: "i-1")

    var training: TrainingEvent {
        TrainingEvent(
            id: "t-1", title: "Swift Basics", start: Timestamp.parse("2026-03-02T09:00:00+01:00")!,
            end: Timestamp.parse("2026-03-02T17:00:00+01:00")!, timeZone: "Europe/Paris", location: "Room 4",
            description: "Bring a laptop", instructorIds: ["i-1"])
    }

    @Test func trainingEventBecomesATaggedBusyAppointment() {
        var settings = SyncSettings()
        settings.eventSubjectTemplate = "Training: {title} ({location})"
        let out = PushRules.outgoing(for: training, key: key, settings: settings)
        #expect(out.subject == "Training: Swift Basics (Room 4)")
        #expect(out.time == .timed(TimeRange(start: training.start, end: training.end), zone: "Europe/Paris"))
        #expect(out.zone == "Europe/Paris")
        #expect(out.wallClock.start.description == "2026-03-02T09:00:00")
        #expect(out.wallClock.end.description == "2026-03-02T17:00:00")
        #expect(!out.isAllDay)
        #expect(out.showAs == .busy)
        #expect(!out.isReminderOn)
        #expect(out.categories == ["CalSync"])
        #expect(out.tag == "calsync|int|event|t-1|i-1")
        #expect(out.bodyText.hasPrefix("Bring a laptop"))
        #expect(EventTag.key(from: out.tag) == key)
    }

    @Test func fingerprintChangesWithContentOnly() {
        let a = PushRules.outgoing(for: training, key: key, settings: SyncSettings())
        var moved = training
        moved.end = moved.end.addingTimeInterval(1800)
        let b = PushRules.outgoing(for: moved, key: key, settings: SyncSettings())
        #expect(a.fingerprint() == PushRules.outgoing(for: training, key: key, settings: SyncSettings()).fingerprint())
        #expect(a.fingerprint() != b.fingerprint())
        // A system that spells the zone otherwise writes other content: another fingerprint.
        #expect(a.fingerprint(zoneName: { _ in "Romance Standard Time" }) != a.fingerprint())
    }

    @Test func idempotencyKeysAreDeterministicAndDistinct() {
        let one = IdempotencyKey.make(for: key, calendarId: "u1", generation: 1)
        #expect(one == IdempotencyKey.make(for: key, calendarId: "u1", generation: 1))
        #expect(one != IdempotencyKey.make(for: key, calendarId: "u1", generation: 2))
        #expect(one != IdempotencyKey.make(for: key, calendarId: "u2", generation: 1))
        #expect(one.count == 36)
        #expect(one.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
    }

    func mapping(_ key: PushKey, user: String = "u1", externalId: String? = "x1", fingerprint: String?) -> EventMapping {
        EventMapping(
            key: key, calendarId: user, externalId: externalId, idempotencyKey: "t", generation: 1,
            fingerprint: fingerprint, updatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func plannerCreatesUpdatesDeletesAndLeavesAlone() {
        let out = PushRules.outgoing(for: training, key: key, settings: SyncSettings())
        let desired = DesiredEvent(key: key, calendarId: "u1", event: out, fingerprint: out.fingerprint())
        #expect(
            PushPlanner.plan(desired: [desired], mappings: [], managedInstructorIds: ["i-1"]) == [.create(desired, existing: nil)]
        )
        let same = mapping(key, fingerprint: out.fingerprint())
        #expect(PushPlanner.plan(desired: [desired], mappings: [same], managedInstructorIds: ["i-1"]).isEmpty)
        let stale = mapping(key, fingerprint: "old")
        #expect(
            PushPlanner.plan(desired: [desired], mappings: [stale], managedInstructorIds: ["i-1"]) == [
                .update(desired, mapping: stale)
            ])
        let pending = mapping(key, externalId: nil, fingerprint: nil)
        #expect(
            PushPlanner.plan(desired: [desired], mappings: [pending], managedInstructorIds: ["i-1"]) == [
                .create(desired, existing: pending)
            ])
        #expect(PushPlanner.plan(desired: [], mappings: [same], managedInstructorIds: ["i-1"]) == [.delete(same)])
        // Sync off for i-1: its events stay.
        #expect(PushPlanner.plan(desired: [], mappings: [same], managedInstructorIds: []).isEmpty)
        // Moved to another mailbox: delete there, create here.
        let elsewhere = mapping(key, user: "u9", fingerprint: out.fingerprint())
        #expect(
            PushPlanner.plan(desired: [desired], mappings: [elsewhere], managedInstructorIds: ["i-1"])
                == [.delete(elsewhere), .create(desired, existing: nil)])
    }

    @Test func secretsNeverPrint() {
        let secret = Secret("s3cr3t-value")
        let integration = Integration(id: "i", name: "n", tenantId: "t", clientId: "c", clientSecret: secret)
        #expect(!"\(secret)".contains("s3cr3t"))
        #expect(!String(describing: integration).contains("s3cr3t"))
        #expect(!String(reflecting: integration).contains("s3cr3t"))
        var dumped = ""
        dump(integration, to: &dumped)
        #expect(!dumped.contains("s3cr3t"))
    }
}

@Suite struct PersonSyncStatusTests {
    let now = Timestamp.parse("2026-03-02T12:00:00Z")!
    let integration = Integration(id: "int", name: "n", tenantId: "t", clientId: "c", clientSecret: Secret("s"))
    let person = Instructor(id: "i", name: "I", email: "i@x")
    let matched = InstructorMatch(instructorId: "i", integrationId: "int", status: .matched, calendarId: "u")

    func state(success: Double?, error: Double? = nil) -> SyncState {
        SyncState(
            integrationId: "int", instructorId: "i", calendarId: "u", cursor: SyncCursor("d"), windowStart: now, windowEnd: now,
            lastSuccessAt: success.map { now.addingTimeInterval(-$0) }, lastErrorAt: error.map { now.addingTimeInterval(-$0) })
    }

    @Test func failsClosed() {
        #expect(
            PersonSyncStatus.resolve(
                instructor: person, integration: integration, match: matched, state: state(success: 60), now: now) == .ok)
        #expect(
            PersonSyncStatus.resolve(
                instructor: person, integration: integration, match: matched, state: state(success: 901), now: now) == .stale)
        #expect(
            PersonSyncStatus.resolve(
                instructor: person, integration: integration, match: matched, state: state(success: 600, error: 30), now: now)
                == .error)
        #expect(
            PersonSyncStatus.resolve(
                instructor: person, integration: integration, match: matched, state: state(success: 30, error: 600), now: now)
                == .ok)
        #expect(
            PersonSyncStatus.resolve(instructor: person, integration: integration, match: matched, state: nil, now: now) == .stale
        )
        var off = person
        off.syncEnabled = false
        #expect(
            PersonSyncStatus.resolve(
                instructor: off, integration: integration, match: matched, state: state(success: 1), now: now) == .disabled)
        #expect(PersonSyncStatus.resolve(instructor: person, integration: nil, match: nil, state: nil, now: now) == .disabled)
        var unmatched = matched
        unmatched.status = .ambiguous
        #expect(
            PersonSyncStatus.resolve(instructor: person, integration: integration, match: unmatched, state: nil, now: now)
                == .unmatched)
    }
}
