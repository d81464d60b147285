import Foundation
import GraphEmulator
import Testing

@Suite struct CalendarViewTests {
    static let march = "startDateTime=2025-03-01T00:00:00Z&endDateTime=2025-04-01T00:00:00Z"

    @Test func windowIsRequired() async throws {
        let h = try EmulatorHarness()
        for target in [
            "/v1.0/users/\(EmulatorHarness.jane)/calendarView",
            "/v1.0/users/\(EmulatorHarness.jane)/calendarView?startDateTime=2025-03-01T00:00:00Z",
        ] {
            let reply = await h.get(target)
            #expect(reply.status == 400)
            #expect(reply.errorCode == "ErrorInvalidParameter")
            #expect(
                reply.json["error"]?["message"]
                    == "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime."
            )
        }
    }

    @Test func windowOver1825DaysIsRejected() async throws {
        let h = try EmulatorHarness()
        let reply = await h.get(
            "/v1.0/users/\(EmulatorHarness.jane)/calendarView?startDateTime=2020-01-01T00:00:00Z&endDateTime=2025-01-01T00:00:00Z"
        )
        #expect(reply.status == 400)
        #expect(reply.errorCode == "ErrorInvalidRequest")
        #expect(
            reply.json["error"]?["message"]
                == "Your request can't be completed. The range between the start and end dates is greater than the allowed range. Maximum number of days: 1825"
        )
        let ok = await h.get(
            "/v1.0/users/\(EmulatorHarness.jane)/calendarView?startDateTime=2020-01-01T00:00:00Z&endDateTime=2024-12-30T00:00:00Z"
        )
        #expect(ok.status == 200)
    }

    @Test func expandsSeriesIntoOccurrencesAndPagesByTen() async throws {
        let h = try EmulatorHarness()
        let first = await h.get("/v1.0/users/\(EmulatorHarness.jane)/calendarView?\(Self.march)")
        #expect(first.status == 200)
        #expect(first.value.count == 10)
        let next = try #require(first.json["@odata.nextLink"]?.stringValue)
        #expect(next.hasPrefix("http://graph.test:8080/v1.0/users/\(EmulatorHarness.jane)/calendarView?"))
        let second = await h.follow(next)
        #expect(second.json["@odata.nextLink"] == nil)
        let all = first.value + second.value
        // Mondays 3, 10, 17, 24, 31 and Wednesdays 5, 12, 19, 26, plus two single events.
        #expect(all.count == 11)
        let occurrences = all.filter { $0["type"] == "occurrence" }
        #expect(occurrences.count == 9)
        #expect(all.allSatisfy { $0["type"] != "seriesMaster" })
        let masterIds = Set(occurrences.compactMap { $0["seriesMasterId"]?.stringValue })
        #expect(masterIds.count == 1)
        #expect(Set(occurrences.compactMap { $0["id"]?.stringValue }).count == 9)
        // 09:00 W. Europe is 08:00Z before the DST change (30 March) and 07:00Z after it.
        let starts = occurrences.compactMap { $0["start"]?["dateTime"]?.stringValue }
        #expect(starts.first == "2025-03-03T08:00:00.0000000")
        #expect(starts.last == "2025-03-31T07:00:00.0000000")
        #expect(occurrences.first?["originalStart"] == "2025-03-03T08:00:00Z")
    }

    @Test func topSkipAndTheCalendarPathForm() async throws {
        let h = try EmulatorHarness()
        let page = await h.get("/users/\(EmulatorHarness.jane)/calendar/calendarView?\(Self.march)&$top=4")
        #expect(page.value.count == 4)
        let next = try #require(page.json["@odata.nextLink"]?.stringValue)
        #expect(next.contains("$top=4"))
        #expect(next.contains("$skip=4"))
        #expect(await h.get("/v1.0/users/\(EmulatorHarness.jane)/calendarView?\(Self.march)&$top=1001").status == 400)
    }

    @Test func windowOverlapHonoursOffsetsAndDefaultsToUTC() async throws {
        let h = try EmulatorHarness()
        // Carol's workshop is 08:00–12:00Z on 5 March.
        let base = "/v1.0/users/\(EmulatorHarness.carol)/calendarView"
        #expect((await h.get(base + "?startDateTime=2025-03-05T11:00:00&endDateTime=2025-03-05T13:00:00")).value.count == 1)
        #expect((await h.get(base + "?startDateTime=2025-03-05T12:00:00&endDateTime=2025-03-05T13:00:00")).value.isEmpty)
        // 13:30+02:00 is 11:30Z: inside.
        #expect(
            (await h.get(base + "?startDateTime=2025-03-05T13:30:00%2B02:00&endDateTime=2025-03-05T15:00:00%2B02:00")).value.count
                == 1)
    }

    @Test func selectAndExpandAreAccepted() async throws {
        let h = try EmulatorHarness()
        let reply = await h.get(
            "/v1.0/users/\(EmulatorHarness.carol)/calendarView?\(Self.march)&$select=subject,showAs,createdDateTime")
        let event = try #require(reply.value.first)
        #expect(event["subject"] == "Workshop prep")
        #expect(event["showAs"] == "tentative")
        #expect(event["start"] == nil)
        #expect(event["createdDateTime"] == nil)
        #expect(await h.get("/v1.0/users/\(EmulatorHarness.carol)/calendarView?\(Self.march)&$select=nope").status == 400)
        let expand = EmulatorHarness.encode("singleValueExtendedProperties($filter=id eq '\(EmulatorHarness.propertyId)')")
        #expect(await h.get("/v1.0/users/\(EmulatorHarness.carol)/calendarView?\(Self.march)&$expand=\(expand)").status == 200)
    }

    @Test func declinedCancelledAndFreeEventsKeepTheirFields() async throws {
        let h = try EmulatorHarness()
        let reply = await h.get("/v1.0/users/\(EmulatorHarness.bob)/calendarView?\(Self.march)")
        let declined = try #require(reply.value.first { $0["subject"] == "Vendor pitch (declined)" })
        #expect(declined["responseStatus"]?["response"] == "declined")
        #expect(declined["isOrganizer"] == false)
        #expect(declined["showAs"] == "free")
        let cancelled = try #require(reply.value.first { $0["isCancelled"] == true })
        #expect(cancelled["responseStatus"]?["response"] == "accepted")
    }
}
