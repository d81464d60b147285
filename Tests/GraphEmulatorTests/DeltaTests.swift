import Foundation
import GraphEmulator
import Testing

@Suite struct DeltaTests {
    static let window = "startDateTime=2025-03-01T00:00:00Z&endDateTime=2025-04-01T00:00:00Z"
    static var janeDelta: String { "/v1.0/users/\(EmulatorHarness.jane)/calendarView/delta?\(window)" }
    static let pageOfTwo = ["Prefer": "odata.maxpagesize=2"]

    func ids(_ items: [EmulatorJSON]) -> [String] { items.compactMap { $0["id"]?.stringValue } }
    func removed(_ items: [EmulatorJSON]) -> [String] { ids(items.filter { $0["@removed"] != nil }) }
    func upserted(_ items: [EmulatorJSON]) -> [String] { ids(items.filter { $0["@removed"] == nil }) }

    @Test func fullRoundAcrossPagesThenDeltaLink() async throws {
        let h = try EmulatorHarness()
        let first = await h.get(Self.janeDelta, headers: Self.pageOfTwo)
        #expect(first.status == 200)
        #expect(first.value.count == 2)
        #expect(first.header("Preference-Applied") == "odata.maxpagesize=2")
        #expect(first.json["@odata.deltaLink"] == nil)
        let next = try #require(first.json["@odata.nextLink"]?.stringValue)
        #expect(next.hasPrefix("http://graph.test:8080/v1.0/users/\(EmulatorHarness.jane)/calendarView/delta?$skiptoken="))
        #expect(!next.contains("startDateTime"))
        #expect(first.value.allSatisfy { $0["@odata.type"] == "#microsoft.graph.event" })
        let round = await h.deltaRound(Self.janeDelta, headers: Self.pageOfTwo)
        #expect(round.pages == 6)
        #expect(round.items.count == 11)
        let deltaLink = try #require(round.deltaLink)
        #expect(deltaLink.contains("$deltatoken="))
        // Nothing changed: the next round is empty and ends with a new deltaLink.
        let quiet = await h.deltaRound(deltaLink)
        #expect(quiet.items.isEmpty)
        #expect(quiet.deltaLink != nil)
        #expect(quiet.deltaLink != deltaLink)
    }

    @Test func nextRoundShowsSideDoorAddMoveAndDelete() async throws {
        let h = try EmulatorHarness()
        let initial = await h.deltaRound(Self.janeDelta)
        let dentist = try #require(initial.items.first { $0["subject"] == "Dentist" }?["id"]?.stringValue)
        let lunch = try #require(initial.items.first { $0["subject"] == "Optional: lunch & learn" }?["id"]?.stringValue)
        let added = try h.emulator.addEvent(
            userId: EmulatorHarness.jane,
            json: """
                {"subject":"Gym","start":{"dateTime":"2025-03-20T18:00:00","timeZone":"Europe/Berlin"},
                 "end":{"dateTime":"2025-03-20T19:00:00","timeZone":"Europe/Berlin"}}
                """)
        try h.emulator.updateEvent(
            userId: EmulatorHarness.jane, eventId: dentist,
            json: """
                {"start":{"dateTime":"2025-03-04T16:00:00","timeZone":"W. Europe Standard Time"},
                 "end":{"dateTime":"2025-03-04T17:00:00","timeZone":"W. Europe Standard Time"}}
                """)
        try h.emulator.removeEvent(userId: EmulatorHarness.jane, eventId: lunch)
        let round = await h.deltaRound(try #require(initial.deltaLink))
        #expect(Set(upserted(round.items)) == [added, dentist])
        #expect(removed(round.items) == [lunch])
        let moved = try #require(round.items.first { $0["id"] == .string(dentist) })
        #expect(moved["start"]?["dateTime"] == "2025-03-04T15:00:00.0000000")
        let gone = try #require(round.items.first { $0["@removed"] != nil })
        #expect(gone == ["@odata.type": "#microsoft.graph.event", "id": .string(lunch), "@removed": ["reason": "deleted"]])
    }

    @Test func movedOutOfTheWindowIsRemoved() async throws {
        let h = try EmulatorHarness()
        let initial = await h.deltaRound(Self.janeDelta)
        let dentist = try #require(initial.items.first { $0["subject"] == "Dentist" }?["id"]?.stringValue)
        try h.emulator.updateEvent(
            userId: EmulatorHarness.jane, eventId: dentist,
            json: """
                {"start":{"dateTime":"2025-05-04T14:00:00","timeZone":"W. Europe Standard Time"},
                 "end":{"dateTime":"2025-05-04T15:00:00","timeZone":"W. Europe Standard Time"}}
                """)
        let round = await h.deltaRound(try #require(initial.deltaLink))
        #expect(removed(round.items) == [dentist])
        #expect(upserted(round.items).isEmpty)
    }

    @Test func changesOutsideTheWindowAlsoComeAsRemoved() async throws {
        let h = try EmulatorHarness()
        let initial = await h.deltaRound(Self.janeDelta)
        let outside = try h.emulator.addEvent(
            userId: EmulatorHarness.jane,
            json: """
                {"subject":"Far away","start":{"dateTime":"2025-06-01T10:00:00","timeZone":"UTC"},"end":{"dateTime":"2025-06-01T11:00:00","timeZone":"UTC"}}
                """)
        let round = await h.deltaRound(try #require(initial.deltaLink))
        #expect(removed(round.items) == [outside])
    }

    @Test func deletingAnOccurrenceRemovesOnlyIt() async throws {
        let h = try EmulatorHarness()
        let initial = await h.deltaRound(Self.janeDelta)
        let occurrence = try #require(initial.items.first { $0["type"] == "occurrence" }?["id"]?.stringValue)
        let delete = await h.send(.delete, "/v1.0/users/\(EmulatorHarness.jane)/events/\(occurrence)")
        #expect(delete.status == 204)
        let round = await h.deltaRound(try #require(initial.deltaLink))
        #expect(round.items.count == 1)
        #expect(removed(round.items) == [occurrence])
    }

    @Test func expiredTokensAnswer410SyncStateNotFound() async throws {
        let h = try EmulatorHarness()
        let first = await h.get(Self.janeDelta, headers: Self.pageOfTwo)
        let next = try #require(first.json["@odata.nextLink"]?.stringValue)
        let round = await h.deltaRound(Self.janeDelta)
        let deltaLink = try #require(round.deltaLink)
        #expect(await h.send(.post, "/_emulator/delta/expire", authorized: false).status == 204)
        for link in [next, deltaLink] {
            let reply = await h.follow(link)
            #expect(reply.status == 410)
            #expect(reply.errorCode == "SyncStateNotFound")
            #expect(
                reply.json["error"]?["message"]?.stringValue?.hasPrefix("The sync state generation is not found; generation=")
                    == true)
        }
        let garbage = await h.get("/v1.0/users/\(EmulatorHarness.jane)/calendarView/delta?$deltatoken=nonsense")
        #expect(garbage.status == 410)
    }

    @Test func oldNextLinksOfARoundGoStale() async throws {
        let h = try EmulatorHarness()
        let first = await h.get(Self.janeDelta, headers: Self.pageOfTwo)
        let page2 = try #require(first.json["@odata.nextLink"]?.stringValue)
        let second = await h.follow(page2, headers: Self.pageOfTwo)
        #expect(await h.follow(page2, headers: Self.pageOfTwo).status == 200)  // retrying the current page is fine
        let page3 = try #require(second.json["@odata.nextLink"]?.stringValue)
        #expect(await h.follow(page3, headers: Self.pageOfTwo).status == 200)
        #expect(await h.follow(page2, headers: Self.pageOfTwo).status == 410)
    }

    @Test func evictionOfTheOldestToken() async throws {
        var configuration = EmulatorConfiguration()
        configuration.maxDeltaTokens = 2
        let h = try EmulatorHarness(configuration: configuration)
        let a = try #require(await h.deltaRound(Self.janeDelta).deltaLink)
        _ = await h.deltaRound(Self.janeDelta)
        _ = await h.deltaRound(Self.janeDelta)
        #expect(await h.follow(a).status == 410)
    }

    @Test func sdkFunctionFormAndCalendarPath() async throws {
        let h = try EmulatorHarness()
        for path in ["calendarView/delta()", "calendar/calendarView/delta()", "calendar/calendarView/delta"] {
            let round = await h.deltaRound("/v1.0/users/\(EmulatorHarness.jane)/\(path)?\(Self.window)")
            #expect(round.items.count == 11)
            let link = try #require(round.deltaLink)
            #expect(link.contains("/\(path)?$deltatoken="))
            #expect(await h.follow(link).status == 200)
        }
    }

    @Test func unsupportedQueryOptionsAndMissingWindow() async throws {
        let h = try EmulatorHarness()
        for option in [
            "$select=subject", "$expand=attachments", "$filter=subject%20eq%20'x'", "$orderby=start/dateTime", "$top=5",
        ] {
            let reply = await h.get(Self.janeDelta + "&" + option)
            #expect(reply.status == 400)
            #expect(reply.errorCode == "ErrorInvalidUrlQuery")
        }
        #expect(await h.get("/v1.0/users/\(EmulatorHarness.jane)/calendarView/delta").errorCode == "ErrorInvalidParameter")
    }

    @Test func replaysSendItemsTwiceWhenConfigured() async throws {
        var configuration = EmulatorConfiguration()
        configuration.deltaReplayProbability = 1
        let h = try EmulatorHarness(configuration: configuration)
        let round = await h.deltaRound(Self.janeDelta)
        #expect(round.items.count == 22)
        #expect(Set(ids(round.items)).count == 11)
    }

    @Test func tokensBelongToTheirMailbox() async throws {
        let h = try EmulatorHarness()
        let link = try #require(await h.deltaRound(Self.janeDelta).deltaLink)
        let other = link.replacingOccurrences(of: EmulatorHarness.jane, with: EmulatorHarness.bob)
        #expect(await h.follow(other).status == 410)
    }
}
