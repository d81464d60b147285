import CalSyncCore
import EWSEmulator
import Foundation
import Testing

/// Detect then relist against the EWSEmulator: SyncFolderItems decides, CalendarView lists the window month by month.
@Suite struct PullTests {
    /// Sixty days from the Monday before the harness's today: two month-sized pages.
    static let wide = TimeRange(start: Timestamp.parse("2026-02-23T00:00:00Z")!, end: Timestamp.parse("2026-04-24T00:00:00Z")!)

    static func event(_ changes: [CalendarChange], subject: String, location: String? = nil) -> [ExternalEvent] {
        let digest = EventLabel.digest(subject: subject, location: location)
        return changes.upserts.values.filter { $0.labelDigest == digest }.sorted { $0.id < $1.id }
    }

    @Test func aFullListingReadsBusySemanticsAndAllDayDates() async throws {
        let h = try ExchangeHarness()
        let round = try await h.round(window: Self.wide)
        #expect(round.full)
        #expect(round.pages == 2)
        let dentist = try #require(Self.event(round.changes, subject: "Dentist").first)
        #expect(dentist.showAs == .oof)
        #expect(
            dentist.time
                == .timed(
                    TimeRange(start: Timestamp.parse("2026-03-02T13:00:00Z")!, end: Timestamp.parse("2026-03-02T14:30:00Z")!),
                    zone: "Europe/Paris"))
        let conference = try #require(Self.event(round.changes, subject: "Conference (all day)").first)
        #expect(conference.time == .allDay(first: LocalDate("2026-03-04")!, end: LocalDate("2026-03-05")!))
        #expect(Self.event(round.changes, subject: "Budget review (declined)").first?.declinedByOwner == true)
        #expect(Self.event(round.changes, subject: "Vendor call (cancelled)").first?.isCancelled == true)
        #expect(Self.event(round.changes, subject: "Optional: lunch & learn").first?.showAs == .free)
        #expect(Self.event(round.changes, subject: "Working from the Lyon office").first?.showAs == .workingElsewhere)
        // The daily series, expanded: one occurrence per day of the window, never the master.
        let standUps = Self.event(round.changes, subject: "Daily stand-up")
        #expect(standUps.count == 60)
        #expect(standUps.allSatisfy { !$0.isSeriesMaster && $0.categories == ["Team"] })
        // No subject or location leaves the adapter: only their digest.
        #expect(Self.event(round.changes, subject: "Customer workshop", location: "Berlin").isEmpty)
    }

    @Test func anUnchangedCalendarCostsOneSyncFolderItems() async throws {
        let h = try ExchangeHarness()
        let first = try await h.round()
        let before = h.stats?.requests ?? 0
        let idle = try await h.round(from: first.cursor)
        #expect(idle.changes.isEmpty)
        #expect(!idle.full)
        #expect((h.stats?.requests ?? 0) - before == 1)
        #expect(h.stats?.operations["SyncFolderItems"] == 2)
    }

    @Test func aChangeOrAMovedWindowListsTheWindowAgain() async throws {
        let h = try ExchangeHarness()
        let first = try await h.round()
        var item = EWSTenantItem(subject: "Moved in by Jane", start: "D+5T10:00", end: "D+5T11:00")
        item.legacyFreeBusyStatus = "Busy"
        let id = try h.emulator.addItem(mailbox: ExchangeHarness.jane, item)
        let second = try await h.round(from: first.cursor)
        #expect(second.full)
        #expect(second.changes.upserts[id]?.showAs == .busy)
        #expect(!Self.event(second.changes, subject: "Dentist").isEmpty)

        let dentist = try #require(h.stored()["Dentist"]?["id"]?.stringValue)
        try h.emulator.removeItem(mailbox: ExchangeHarness.jane, id: dentist)
        let third = try await h.round(from: second.cursor)
        #expect(third.full)
        #expect(Self.event(third.changes, subject: "Dentist").isEmpty)

        // Nothing changed, but the window rolled a day: the new day must be listed.
        let rolled = TimeRange(
            start: ExchangeHarness.window.start.addingTimeInterval(86_400),
            end: ExchangeHarness.window.end.addingTimeInterval(86_400))
        let fourth = try await h.round(window: rolled, from: third.cursor)
        #expect(fourth.full)
        let fifth = try await h.round(window: rolled, from: fourth.cursor)
        #expect(!fifth.full)
    }

    @Test func calSyncsOwnWritesAloneAreNoChange() async throws {
        let h = try ExchangeHarness()
        var round = try await h.round()
        var isFull: Bool
        let id = try await h.provider.create(PushTests.training(), in: ExchangeHarness.jane, idempotencyKey: "k1")
        round = try await h.round(from: round.cursor)
        isFull = round.full
        #expect(!isFull)
        try await h.provider.update(id, in: ExchangeHarness.jane, to: PushTests.training(subject: "Renamed"))
        round = try await h.round(from: round.cursor)
        isFull = round.full
        #expect(!isFull)
        // Jane edits CalSync's item: that is a change (drift repair must see it).
        var change = EWSItemChange()
        change.subject = "Jane's edit"
        try h.emulator.updateItem(mailbox: ExchangeHarness.jane, id: id, change)
        round = try await h.round(from: round.cursor)
        isFull = round.full
        #expect(isFull)
        #expect(round.changes.upserts[id]?.labelDigest == EventLabel.digest(subject: "Jane's edit", location: "Room 4"))
        try await h.provider.delete(id, in: ExchangeHarness.jane)
        round = try await h.round(from: round.cursor)
        isFull = round.full
        #expect(!isFull)
    }

    @Test func anInvalidatedSyncStateIsAnExpiredCursor() async throws {
        let h = try ExchangeHarness()
        let first = try await h.round()
        h.emulator.expireSyncStates(mailbox: ExchangeHarness.jane)
        do {
            _ = try await h.round(from: first.cursor)
            Issue.record("an invalidated sync state was followed")
        } catch let error as CalendarError {
            #expect(error.kind == .cursorExpired)
            #expect(error.providerCode == "ErrorInvalidSyncStateData")
        }
        // A cursor CalSync did not write is expired too.
        do {
            _ = try await h.round(from: SyncCursor("deltaLink=https://graph.microsoft.com/..."))
            Issue.record("a foreign cursor was accepted")
        } catch let error as CalendarError {
            #expect(error.kind == .cursorExpired)
        }
    }

    @Test func aTruncatedCalendarViewIsSplitUntilComplete() async throws {
        let h = try ExchangeHarness()
        let provider = h.makeProvider(calendarViewLimit: 4)
        let page = try await provider.changes(in: ExchangeHarness.jane, window: ExchangeHarness.window, from: nil)
        let full = try await h.round()
        #expect(Set(page.changes.upserts.keys) == Set(full.changes.upserts.keys))
        #expect(page.changes.upserts.count == full.changes.upserts.count)
        #expect(page.changes.upserts.count > 20)
    }
}
