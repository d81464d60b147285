import CalSyncCore
import CalSyncHTTP
import EWSEmulator
import Foundation
import Testing

/// CreateItem, UpdateItem, DeleteItem and the tag lookup, judged by what ends up in the emulator's mailbox.
@Suite struct PushTests {
    static let tag = "calsync|contoso|training|s42|jane"

    static func training(
        subject: String = "Training: Swift 101", start: String = "2026-03-10T08:00:00Z", hours: Double = 8,
        location: String? = "Room 4", tag: String = tag
    ) -> OutgoingEvent {
        let from = Timestamp.parse(start)!
        return OutgoingEvent(
            subject: subject, bodyText: "Booked by CalSync", location: location,
            time: .timed(TimeRange(start: from, end: from.addingTimeInterval(hours * 3600)), zone: "Europe/Paris"),
            showAs: .busy, isReminderOn: false, categories: [EventTag.category], tag: tag)
    }

    static func tagValue(_ item: JSONValue?) -> String? {
        guard case .array(let properties)? = item?["extendedProperties"] else { return nil }
        for property in properties where property["propertyName"]?.stringValue == "CalSyncItem" {
            #expect(property["propertySetId"]?.stringValue?.uppercased() == "6B5C8D0F-2A1E-4C3B-9F7E-CA15C0DE5EC1")
            return property["value"]?.stringValue
        }
        return nil
    }

    @Test func createWritesAnAppointmentWithTheTagAndItsZone() async throws {
        let h = try ExchangeHarness()
        let id = try await h.provider.create(Self.training(), in: ExchangeHarness.jane, idempotencyKey: "k1")
        let item = try #require(h.stored()["Training: Swift 101"])
        #expect(item["id"]?.stringValue == id)
        #expect(item["start"]?.stringValue == "2026-03-10T08:00:00Z")
        #expect(item["end"]?.stringValue == "2026-03-10T16:00:00Z")
        #expect(item["startTimeZone"]?.stringValue == "Romance Standard Time")
        #expect(item["endTimeZone"]?.stringValue == "Romance Standard Time")
        #expect(item["legacyFreeBusyStatus"]?.stringValue == "Busy")
        #expect(item["isAllDay"] == .bool(false))
        #expect(item["isMeeting"] == .bool(false))
        #expect(item["reminderIsSet"] == .bool(false))
        #expect(item["location"]?.stringValue == "Room 4")
        #expect(item["body"]?.stringValue == "Booked by CalSync")
        #expect(item["categories"] == .array([.string("CalSync")]))
        #expect(Self.tagValue(item) == Self.tag)

        #expect(try await h.provider.find(tag: Self.tag, in: ExchangeHarness.jane) == id)
        #expect(try await h.provider.find(tag: Self.tag.uppercased(), in: ExchangeHarness.jane) == nil)
        #expect(try await h.provider.find(tag: "calsync|contoso|training|other|jane", in: ExchangeHarness.jane) == nil)
        let read = try await h.provider.event(id, in: ExchangeHarness.jane)
        #expect(read.tagValue == Self.tag)
        #expect(read.labelDigest == EventLabel.digest(subject: "Training: Swift 101", location: "Room 4"))
    }

    @Test func allDayAbsencesAreMidnightsInTheCalendarsZone() async throws {
        let h = try ExchangeHarness()
        let leave = OutgoingEvent(
            subject: "Out of office", bodyText: "", location: nil,
            time: .allDay(first: LocalDate("2026-03-16")!, end: LocalDate("2026-03-18")!), zone: "Europe/Paris",
            showAs: .oof, isReminderOn: false, categories: [EventTag.category], tag: "calsync|contoso|absence|a1|jane")
        let id = try await h.provider.create(leave, in: ExchangeHarness.jane, idempotencyKey: "a1")
        let item = try #require(h.stored()["Out of office"])
        #expect(item["start"]?.stringValue == "2026-03-15T23:00:00Z")
        #expect(item["end"]?.stringValue == "2026-03-17T23:00:00Z")
        #expect(item["isAllDay"] == .bool(true))
        #expect(item["legacyFreeBusyStatus"]?.stringValue == "OOF")
        let read = try await h.provider.event(id, in: ExchangeHarness.jane)
        #expect(read.time == .allDay(first: LocalDate("2026-03-16")!, end: LocalDate("2026-03-18")!))
        #expect(read.showAs == .oof)
    }

    @Test func updateOverwritesAndSurvivesAStaleChangeKey() async throws {
        let h = try ExchangeHarness()
        let id = try await h.provider.create(Self.training(), in: ExchangeHarness.jane, idempotencyKey: "k1")
        try await h.provider.update(
            id, in: ExchangeHarness.jane, to: Self.training(subject: "Training: Swift 102", start: "2026-03-11T09:00:00Z"))
        var item = try #require(h.stored()["Training: Swift 102"])
        #expect(item["start"]?.stringValue == "2026-03-11T09:00:00Z")
        #expect(item["end"]?.stringValue == "2026-03-11T17:00:00Z")

        // Jane edits it in Outlook: the ChangeKey CalSync holds is stale now.
        var change = EWSItemChange()
        change.subject = "Jane's edit"
        try h.emulator.updateItem(mailbox: ExchangeHarness.jane, id: id, change)
        try await h.provider.update(
            id, in: ExchangeHarness.jane, to: Self.training(subject: "Training: Swift 103", location: nil))
        item = try #require(h.stored()["Training: Swift 103"])
        #expect(item["location"] == .null)
        #expect(h.stored()["Jane's edit"] == nil)
        #expect(h.stored().count == 8)
    }

    @Test func deleteRemovesTheItemAndReportsOneAlreadyGone() async throws {
        let h = try ExchangeHarness()
        let id = try await h.provider.create(Self.training(), in: ExchangeHarness.jane, idempotencyKey: "k1")
        try await h.provider.delete(id, in: ExchangeHarness.jane)
        #expect(h.stored()["Training: Swift 101"] == nil)
        do {
            try await h.provider.delete(id, in: ExchangeHarness.jane)
            Issue.record("deleting a deleted item succeeded")
        } catch let error as CalendarError {
            #expect(error.kind == .notFound)
        }
        do {
            try await h.provider.update(id, in: ExchangeHarness.jane, to: Self.training())
            Issue.record("updating a deleted item succeeded")
        } catch let error as CalendarError {
            #expect(error.kind == .notFound)
        }
    }

    @Test func anAmbiguousCreateIsAdoptedNotRepeated() async throws {
        var configuration = EWSConfiguration()
        configuration.faults.createCommitThen500 = 1
        let h = try ExchangeHarness(configuration: configuration)
        do {
            _ = try await h.provider.create(Self.training(), in: ExchangeHarness.jane, idempotencyKey: "k1")
            Issue.record("the create reported success")
        } catch let error as CalendarError {
            #expect(error.isOutcomeUnknown)
            #expect(error.kind == .transient)
        }
        let saved = try #require(h.stored()["Training: Swift 101"]?["id"]?.stringValue)
        h.emulator.setFaults(EWSFaults())
        let id = try await h.provider.create(Self.training(), in: ExchangeHarness.jane, idempotencyKey: "k1")
        #expect(id == saved)
        #expect(
            h.emulator.items(mailbox: ExchangeHarness.jane).filter { $0["subject"]?.stringValue == "Training: Swift 101" }.count
                == 1)
    }

    @Test func ownItemsComeBackTaggedInAListing() async throws {
        let h = try ExchangeHarness()
        let id = try await h.provider.create(Self.training(), in: ExchangeHarness.jane, idempotencyKey: "k1")
        let round = try await h.round()
        #expect(round.changes.upserts[id]?.tagValue == Self.tag)
        // A server that leaves extended properties out of CalendarView: the tag is read with GetItem.
        var configuration = EWSConfiguration()
        configuration.calendarViewReturnsExtendedProperties = false
        let bare = try ExchangeHarness(configuration: configuration)
        let bareId = try await bare.provider.create(Self.training(), in: ExchangeHarness.jane, idempotencyKey: "k1")
        let bareRound = try await bare.round()
        #expect(bareRound.changes.upserts[bareId]?.tagValue == Self.tag)
        #expect(bare.stats?.operations["GetItem"] == 1)
    }
}
