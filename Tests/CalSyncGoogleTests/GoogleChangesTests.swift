import CalSyncCore
import CalSyncGoogle
import CalSyncHTTP
import Foundation
import GoogleEmulator
import Testing

/// Pull: a full listing of the window, then the sync token (docs/google.md, "Reading events", "Incremental sync",
/// "Event fields that decide busy time"), against the fabrikam calendars.
@Suite struct GoogleChangesTests {
    typealias H = GoogleAdapterHarness

    private func named(_ events: [ExternalEvent], _ subject: String) -> ExternalEvent? {
        events.first { $0.labelDigest == EventLabel.digest(subject: subject, location: nil) }
    }

    private func day(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test func aFullListingReadsBusyTimeAsGoogleMeansIt() async throws {
        let h = try H()
        let round = try await h.round(H.ada, window: h.window())
        #expect(round.full)
        let events = round.changes.upserts
        let customer = try #require(named(events, "Customer call"))
        #expect(customer.showAs == .busy)
        #expect(
            customer.time
                == .timed(
                    TimeRange(start: Timestamp.parse("2026-03-02T13:00:00Z")!, end: Timestamp.parse("2026-03-02T14:00:00Z")!),
                    zone: "Europe/Zurich"))
        #expect(named(events, "Architecture review")?.declinedByOwner == true)
        #expect(named(events, "Planning (maybe)")?.showAs == .tentative)
        #expect(named(events, "Lunch walk")?.showAs == .free)
        #expect(named(events, "Focus time")?.showAs == .busy)
        #expect(named(events, "Out of office")?.showAs == .oof)
        let home = try #require(named(events, "Home"))
        #expect(home.showAs == .workingElsewhere)
        #expect(home.time == .allDay(first: day("2026-03-02"), end: day("2026-03-03")))
        let conference = try #require(named(events, "Conference"))
        #expect(conference.time == .allDay(first: day("2026-03-05"), end: day("2026-03-07")))
        #expect(conference.showAs == .busy)
        // The cancelled offsite is reported removed, never as a block.
        #expect(named(events, "Offsite (called off)") == nil)
        #expect(round.changes.removedIds.count == 1)
        // The daily series: one event per occurrence in the window (no series master), 23 Feb to 15 March.
        let standups = events.filter { $0.id.hasPrefix("standup0001_") }
        #expect(standups.count == 21)
        #expect(standups.allSatisfy { !$0.isSeriesMaster && $0.showAs == .busy })
        #expect(events.contains { $0.id == "standup0001" } == false)
        // Through the pull rules: an all-day event is whole days in the calendar's zone, never UTC midnight.
        let zurich = TimeZone(identifier: "Europe/Zurich")!
        #expect(PullRules.interval(of: conference, calendarZone: zurich)?.start == Timestamp.parse("2026-03-04T23:00:00Z"))
    }

    @Test func pagesAreFollowedAndListTheSameEvents() async throws {
        let whole = try await H().round(H.ada, window: H.window14)
        let paged = try await H(settings: GoogleProviderSettings(pageSize: 4)).round(H.ada, window: H.window14)
        #expect(whole.pages == 1)
        #expect(paged.pages == 8)
        #expect(paged.full)
        #expect(Set(paged.changes.upserts) == Set(whole.changes.upserts))
    }

    @Test func theSyncTokenReportsChangesAnywhereInTheCalendar() async throws {
        let h = try H(settings: GoogleProviderSettings(pageSize: 2))
        let window = h.window()
        let first = try await h.round(H.grace, window: window)
        let budget = try #require(named(first.changes.upserts, "Budget review"))
        let added = try h.emulator.addEvent(
            user: H.grace,
            json: #"{"summary": "Dentist", "start": {"dateTime": "@+1T08:00:00"}, "end": {"dateTime": "@+1T09:00:00"}}"#)
        let far = try h.emulator.addEvent(
            user: H.grace, json: #"{"summary": "Far away", "start": {"date": "@+60"}, "end": {"date": "@+61"}}"#)
        try h.emulator.removeEvent(user: H.grace, eventId: budget.id)

        let second = try await h.round(H.grace, window: window, from: first.cursor)
        #expect(!second.full)
        // Not bound to the window: the far event is reported with its time (the engine keeps what is in its window).
        #expect(Set(second.changes.upserts.map(\.id)) == [added, far])
        let farEvent = try #require(second.changes.upserts.first { $0.id == far })
        #expect(farEvent.time == .allDay(first: day("2026-05-01"), end: day("2026-05-02")))
        #expect(second.changes.removedIds == [budget.id])
        #expect(h.emulator.stats().count(route: "GET /calendar/v3/calendars/{calendarId}/events", status: 400) == 0)

        let third = try await h.round(H.grace, window: window, from: second.cursor)
        #expect(third.changes.isEmpty)
        #expect(third.pages == 1)
    }

    @Test func anExpiredSyncTokenAsksForAFullListing() async throws {
        let h = try H()
        let first = try await h.round(H.linus, window: h.window())
        h.emulator.expireSyncTokens(user: H.linus)
        let error = try #require(
            await h.failure {
                _ = try await h.provider.changes(in: H.linus, window: h.window(), from: first.cursor)
            })
        #expect(error.kind == .cursorExpired)
        #expect(error.httpStatus == 410)
        #expect(error.providerCode == "fullSyncRequired")
        let again = try await h.round(H.linus, window: h.window())
        #expect(again.full)
        #expect(Set(again.changes.upserts) == Set(first.changes.upserts))
    }

    @Test func aCursorOfAnotherKindAsksForAFullListing() async throws {
        let h = try H()
        let error = try #require(
            await h.failure {
                _ = try await h.provider.changes(
                    in: H.ada, window: h.window(), from: SyncCursor("https://graph.microsoft.com/delta"))
            })
        #expect(error.kind == .cursorExpired)
        #expect(h.emulator.stats().total == 0)
    }

    @Test func theBirthdayIsFreeAndTheOwnersEventsCarryTheirTag() async throws {
        let h = try H()
        let events = try await h.round(H.linus, window: TimeRange(start: h.clock.now(), end: h.clock.now() + 30 * 86_400))
            .changes.upserts
        #expect(named(events, "Birthday")?.showAs == .free)
        #expect(named(events, "Lab work")?.showAs == .busy)
        #expect(events.allSatisfy { $0.tagValue == nil })
    }
}
