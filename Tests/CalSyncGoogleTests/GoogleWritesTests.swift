import CalSyncCore
import CalSyncGoogle
import CalSyncHTTP
import Foundation
import GoogleEmulator
import Testing

/// Push: insert with a client-chosen id, patch, delete, find by tag (docs/google.md, "Writing events"); each test
/// asserts what ends up in the emulator's calendar.
@Suite struct GoogleWritesTests {
    typealias H = GoogleAdapterHarness

    static func outgoing(
        _ item: String, showAs: ShowAs = .busy, time: EventTime? = nil, location: String? = "Room 4",
        reminders: Bool = false
    ) -> OutgoingEvent {
        let key = PushKey(integrationId: "int-g", itemKind: .event, itemId: item, instructorId: "ins-ada")
        let start = Timestamp.parse("2026-03-04T08:00:00Z")!
        return OutgoingEvent(
            subject: "Training: \(item)", bodyText: "Safety level 2", location: location,
            time: time ?? .timed(TimeRange(start: start, end: start + 3 * 3600), zone: "Europe/Zurich"),
            zone: "Europe/Zurich", showAs: showAs, isReminderOn: reminders, categories: [EventTag.category],
            tag: EventTag.value(for: key))
    }

    /// The events of `user`'s calendar carrying `tag`, deleted ones included.
    private func tagged(_ h: H, _ user: String, _ tag: String) -> [JSONValue] {
        h.emulator.storedEvents(user: user).filter {
            $0["extendedProperties"]?["private"]?["calsyncTag"]?.stringValue == tag
        }
    }

    @Test func aCreateWritesWhatCalSyncMeansAndNothingElse() async throws {
        let h = try H()
        let event = Self.outgoing("s-1")
        let id = try await h.provider.create(event, in: H.ada, idempotencyKey: "key-s-1")
        #expect(id.count == 64 && id.allSatisfy { "0123456789abcdef".contains($0) })
        let stored = try #require(h.stored(H.ada, id))
        #expect(stored["summary"]?.stringValue == "Training: s-1")
        #expect(stored["description"]?.stringValue == "Safety level 2")
        #expect(stored["location"]?.stringValue == "Room 4")
        #expect(stored["status"]?.stringValue == "confirmed")
        #expect((stored["transparency"]?.stringValue ?? "opaque") == "opaque")
        #expect(stored["reminders"] == ["useDefault": false, "overrides": []])
        #expect(stored["attendees"] == nil)
        #expect(stored["extendedProperties"]?["private"]?["calsyncTag"]?.stringValue == event.tag)
        #expect(stored["start"]?["timeZone"]?.stringValue == "Europe/Zurich")
        let read = try await h.provider.event(id, in: H.ada)
        #expect(read.time == event.time)
        #expect(read.tagValue == event.tag)
        #expect(read.labelDigest == event.labelDigest)
        #expect(read.showAs == .busy)
    }

    @Test func freeTentativeAllDayAndOutOfOfficeAreWrittenGooglesWay() async throws {
        let h = try H()
        let days = EventTime.allDay(first: LocalDate("2026-03-09")!, end: LocalDate("2026-03-11")!)
        let free = try await h.provider.create(Self.outgoing("f", showAs: .free, time: days), in: H.ada, idempotencyKey: "f")
        let pending = try await h.provider.create(Self.outgoing("p", showAs: .tentative), in: H.ada, idempotencyKey: "p")
        let away = try await h.provider.create(Self.outgoing("o", showAs: .oof, time: days), in: H.ada, idempotencyKey: "o")
        let freeStored = try #require(h.stored(H.ada, free))
        #expect(freeStored["transparency"]?.stringValue == "transparent")
        #expect(freeStored["start"]?["date"]?.stringValue == "2026-03-09")
        #expect(freeStored["end"]?["date"]?.stringValue == "2026-03-11")
        #expect(h.stored(H.ada, pending)?["status"]?.stringValue == "tentative")
        let awayStored = try #require(h.stored(H.ada, away))
        #expect(awayStored["eventType"]?.stringValue == "outOfOffice")
        #expect(awayStored["start"]?["date"] == nil)
        // Whole days in the calendar's zone, as a timed event (Google refuses all-day out-of-office events).
        let read = try await h.provider.event(away, in: H.ada)
        #expect(read.showAs == .oof)
        #expect(
            read.time
                == .timed(
                    TimeRange(start: Timestamp.parse("2026-03-08T23:00:00Z")!, end: Timestamp.parse("2026-03-10T23:00:00Z")!),
                    zone: "Europe/Zurich"))
    }

    @Test func aRepeatedCreateAnswersTheSameEventOnce() async throws {
        let h = try H()
        let event = Self.outgoing("s-2")
        let first = try await h.provider.create(event, in: H.ada, idempotencyKey: "key-s-2")
        let second = try await h.provider.create(event, in: H.ada, idempotencyKey: "key-s-2")
        #expect(first == second)
        #expect(tagged(h, H.ada, event.tag).count == 1)
        #expect(h.emulator.stats().duplicates409 == 1)
    }

    @Test func aCreateWhoseAnswerWasLostMakesNoDuplicate() async throws {
        let h = try H(fastBackoff: true)
        var faults = GoogleFaults()
        faults.backendError500AfterCommit = 1
        h.emulator.setFaults(faults)
        let event = Self.outgoing("s-3")
        let id = try await h.provider.create(event, in: H.ada, idempotencyKey: "key-s-3")
        #expect(tagged(h, H.ada, event.tag).map { $0["id"]?.stringValue } == [id])
        let stats = h.emulator.stats()
        #expect(stats.faultsInjected.values.reduce(0, +) == 1)
        #expect(stats.duplicates409 == 1)
        #expect(stats.requestsInsideBackoff == 0)
    }

    @Test func aCreateWithoutAClearAnswerSaysSoAndIsSafeToRepeat() async throws {
        let h = try H(maxRetries: 0)
        var faults = GoogleFaults()
        faults.backendError500AfterCommit = 1
        h.emulator.setFaults(faults)
        let event = Self.outgoing("s-11")
        let error = try #require(
            await h.failure { _ = try await h.provider.create(event, in: H.ada, idempotencyKey: "key-s-11") })
        #expect(error.kind == .transient)
        #expect(error.isOutcomeUnknown)
        #expect(error.httpStatus == 500)
        h.emulator.setFaults(GoogleFaults())
        let found = try #require(try await h.provider.find(tag: event.tag, in: H.ada))
        #expect(try await h.provider.create(event, in: H.ada, idempotencyKey: "key-s-11") == found)
        #expect(tagged(h, H.ada, event.tag).count == 1)
    }

    @Test(arguments: [GoogleEmulatorConfiguration.DeletedEventPatch.revive, .forbidden])
    func aCreateAfterThePersonDeletedTheEventBringsItBack(patch: GoogleEmulatorConfiguration.DeletedEventPatch) async throws {
        var configuration = GoogleEmulatorConfiguration()
        configuration.deletedEventPatch = patch
        let h = try H(configuration: configuration)
        let event = Self.outgoing("s-4")
        let first = try await h.provider.create(event, in: H.ada, idempotencyKey: "key-s-4")
        try h.emulator.removeEvent(user: H.ada, eventId: first)
        let again = try await h.provider.create(event, in: H.ada, idempotencyKey: "key-s-4")
        let live = tagged(h, H.ada, event.tag).filter { $0["status"]?.stringValue != "cancelled" }
        #expect(live.map { $0["id"]?.stringValue } == [again])
        #expect((again == first) == (patch == .revive))
    }

    @Test func anUpdateOverwritesTheContent() async throws {
        let h = try H()
        let id = try await h.provider.create(Self.outgoing("s-5"), in: H.ada, idempotencyKey: "key-s-5")
        var changed = Self.outgoing("s-5", showAs: .tentative, location: nil, reminders: true)
        changed.subject = "Training: moved"
        changed.time = .allDay(first: LocalDate("2026-03-12")!, end: LocalDate("2026-03-13")!)
        try await h.provider.update(id, in: H.ada, to: changed)
        let stored = try #require(h.stored(H.ada, id))
        #expect(stored["summary"]?.stringValue == "Training: moved")
        #expect(stored["location"] == nil)
        #expect(stored["status"]?.stringValue == "tentative")
        #expect(stored["start"]?["date"]?.stringValue == "2026-03-12")
        #expect(stored["reminders"]?["useDefault"]?.boolValue == true)
        #expect(try await h.provider.event(id, in: H.ada).labelDigest == changed.labelDigest)
    }

    @Test func updatesAndReadsOfGoneEventsAreNotFound() async throws {
        var configuration = GoogleEmulatorConfiguration()
        configuration.deletedEventPatch = .forbidden
        let h = try H(configuration: configuration)
        let event = Self.outgoing("s-6")
        let id = try await h.provider.create(event, in: H.ada, idempotencyKey: "key-s-6")
        try h.emulator.removeEvent(user: H.ada, eventId: id)
        #expect(await h.failure { try await h.provider.update(id, in: H.ada, to: event) }?.kind == .notFound)
        #expect(await h.failure { _ = try await h.provider.event(id, in: H.ada) }?.kind == .notFound)
        #expect(await h.failure { try await h.provider.update("nosuchevent00", in: H.ada, to: event) }?.kind == .notFound)
    }

    @Test func aDeleteRemovesTheEventAndASecondOneSaysItIsGone() async throws {
        let h = try H()
        let event = Self.outgoing("s-7")
        let id = try await h.provider.create(event, in: H.ada, idempotencyKey: "key-s-7")
        try await h.provider.delete(id, in: H.ada)
        #expect(h.stored(H.ada, id)?["status"]?.stringValue == "cancelled")
        let again = try #require(await h.failure { try await h.provider.delete(id, in: H.ada) })
        #expect(again.kind == .notFound)
        #expect(again.httpStatus == 410)
        let never = try #require(await h.failure { try await h.provider.delete("nosuchevent00", in: H.ada) })
        #expect(never.kind == .notFound)
        #expect(never.httpStatus == 404)
    }

    @Test func findByTagSeesOnlyLiveEventsOfThatCalendar() async throws {
        let h = try H()
        let event = Self.outgoing("s-8")
        #expect(try await h.provider.find(tag: event.tag, in: H.ada) == nil)
        let id = try await h.provider.create(event, in: H.ada, idempotencyKey: "key-s-8")
        _ = try await h.provider.create(Self.outgoing("s-9"), in: H.ada, idempotencyKey: "key-s-9")
        #expect(try await h.provider.find(tag: event.tag, in: H.ada) == id)
        #expect(try await h.provider.find(tag: event.tag, in: H.grace) == nil)
        try await h.provider.delete(id, in: H.ada)
        #expect(try await h.provider.find(tag: event.tag, in: H.ada) == nil)
    }

    @Test func pushedEventsComeBackTaggedSoThePullRulesSkipThem() async throws {
        let h = try H()
        let event = Self.outgoing("s-10")
        let id = try await h.provider.create(event, in: H.linus, idempotencyKey: "key-s-10")
        let pulled = try await h.round(H.linus, window: h.window()).changes.upserts
        let own = try #require(pulled.first { $0.id == id })
        let context = PullRules.Context(
            integrationId: "int-g", instructorId: "ins-ada",
            calendarZone: TimeZone(identifier: "Asia/Tokyo")!, tentativeCountsAsBusy: true,
            ownEventIds: [])
        #expect(PullRules.decide(own, context: context) == .skip(.ownEvent))
    }
}
