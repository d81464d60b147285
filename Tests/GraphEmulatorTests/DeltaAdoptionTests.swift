import CalSyncCore
import Foundation
import GraphEmulator
import Testing

/// `adoptDeltaLink`: an emulator loaded with a recorded mailbox honours the deltaLink another process handed out.
@Suite struct DeltaAdoptionTests {
    static let window = TimeRange(start: Timestamp.parse("2025-03-01T00:00:00Z")!, end: Timestamp.parse("2025-04-01T00:00:00Z")!)

    @Test func aLinkFromAnotherProcessResumesWithOnlyLaterChanges() async throws {
        let recorded = try EmulatorHarness()
        let link = try #require(await recorded.deltaRound(DeltaTests.janeDelta).deltaLink)
        let restarted = try EmulatorHarness()
        #expect(await restarted.follow(link).status == 410, "a fresh process does not know the token")

        try restarted.emulator.adoptDeltaLink(link, window: Self.window)
        let resumed = await restarted.deltaRound(link)
        #expect(resumed.items.isEmpty)
        let next = try #require(resumed.deltaLink)
        #expect(next.hasPrefix("http://graph.test:8080/v1.0/users/\(EmulatorHarness.jane)/calendarView/delta?$deltatoken="))

        let added = try restarted.emulator.addEvent(
            userId: EmulatorHarness.jane,
            json: """
                {"subject":"Gym","start":{"dateTime":"2025-03-20T18:00:00","timeZone":"Europe/Berlin"},
                 "end":{"dateTime":"2025-03-20T19:00:00","timeZone":"Europe/Berlin"}}
                """)
        let changes = await restarted.deltaRound(next)
        #expect(changes.items.compactMap { $0["id"]?.stringValue } == [added])
    }

    @Test func onlyACalendarViewDeltaLinkOfAKnownMailboxIsAdopted() throws {
        let h = try EmulatorHarness()
        let base = "http://graph.test:8080/v1.0/users"
        for link in [
            "\(base)/\(EmulatorHarness.jane)/calendarView/delta?$skiptoken=abc",
            "\(base)/\(EmulatorHarness.jane)/events?$deltatoken=abc",
            "\(base)/nobody@contoso.example/calendarView/delta?$deltatoken=abc",
            "not a link",
        ] {
            #expect(throws: (any Error).self, "\(link)") { try h.emulator.adoptDeltaLink(link, window: Self.window) }
        }
    }
}
