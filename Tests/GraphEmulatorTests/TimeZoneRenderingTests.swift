import Foundation
import GraphEmulator
import Testing

@Suite struct TimeZoneRenderingTests {
    static let march = "startDateTime=2025-03-01T00:00:00Z&endDateTime=2025-04-01T00:00:00Z"

    func vacation(_ h: EmulatorHarness, prefer: String?) async throws -> (EmulatorJSON, String?) {
        let headers = prefer.map { ["Prefer": "outlook.timezone=\"\($0)\""] } ?? [:]
        let reply = await h.get("/v1.0/users/\(EmulatorHarness.bob)/calendarView?\(Self.march)", headers: headers)
        return (try #require(reply.value.first { $0["isAllDay"] == true }), reply.header("Preference-Applied"))
    }

    @Test func allDayEventsAreFloatingMidnightsInEveryZone() async throws {
        let h = try EmulatorHarness()
        for zone in [nil, "UTC", "Pacific Standard Time", "Tokyo Standard Time", "Europe/Paris"] as [String?] {
            let (event, applied) = try await vacation(h, prefer: zone)
            #expect(event["start"] == ["dateTime": "2025-03-10T00:00:00.0000000", "timeZone": .string(zone ?? "UTC")])
            #expect(event["end"] == ["dateTime": "2025-03-12T00:00:00.0000000", "timeZone": .string(zone ?? "UTC")])
            #expect(event["originalStartTimeZone"] == "Pacific Standard Time")
            #expect(applied == zone.map { "outlook.timezone=\"\($0)\"" })
        }
    }

    @Test func allDayOccupiesMidnightToMidnightInItsOwnZone() async throws {
        let h = try EmulatorHarness()
        // 10 March 00:00 Pacific (PDT from 9 March) is 07:00Z, so a window ending 06:00Z misses it.
        let base = "/v1.0/users/\(EmulatorHarness.bob)/calendarView"
        #expect((await h.get(base + "?startDateTime=2025-03-09T20:00:00Z&endDateTime=2025-03-10T06:00:00Z")).value.isEmpty)
        #expect((await h.get(base + "?startDateTime=2025-03-12T06:00:00Z&endDateTime=2025-03-12T08:00:00Z")).value.count == 1)
        #expect((await h.get(base + "?startDateTime=2025-03-12T07:00:00Z&endDateTime=2025-03-12T08:00:00Z")).value.isEmpty)
    }

    @Test func parisEventsRenderInUTCAcrossTheDSTChange() async throws {
        let h = try EmulatorHarness()
        let reply = await h.get("/v1.0/users/\(EmulatorHarness.dan)/calendarView?\(Self.march)")
        let before = try #require(reply.value.first { $0["subject"] == "Before the DST change" })
        let after = try #require(reply.value.first { $0["subject"] == "After the DST change" })
        #expect(before["start"] == ["dateTime": "2025-03-28T08:00:00.0000000", "timeZone": "UTC"])
        #expect(after["start"] == ["dateTime": "2025-03-31T07:00:00.0000000", "timeZone": "UTC"])
        #expect(after["end"] == ["dateTime": "2025-03-31T08:00:00.0000000", "timeZone": "UTC"])
        #expect(after["originalStartTimeZone"] == "Europe/Paris")
        let inParis = await h.get(
            "/v1.0/users/\(EmulatorHarness.dan)/calendarView?\(Self.march)",
            headers: ["Prefer": "outlook.timezone=\"Romance Standard Time\""])
        let local = try #require(inParis.value.first { $0["subject"] == "After the DST change" })
        #expect(local["start"] == ["dateTime": "2025-03-31T09:00:00.0000000", "timeZone": "Romance Standard Time"])
        let inLA = await h.get(
            "/v1.0/users/\(EmulatorHarness.dan)/calendarView?\(Self.march)",
            headers: ["Prefer": "outlook.timezone=\"America/Los_Angeles\", odata.maxpagesize=5"])
        let la = try #require(inLA.value.first { $0["subject"] == "Before the DST change" })
        #expect(la["start"] == ["dateTime": "2025-03-28T01:00:00.0000000", "timeZone": "America/Los_Angeles"])
    }

    @Test func bodyContentTypePreference() async throws {
        let h = try EmulatorHarness()
        let created = await h.send(.post, EventsTests.events, body: EventsTests.body())
        let id = try #require(created.json["id"]?.stringValue)
        let text = await h.get("\(EventsTests.events)/\(id)", headers: ["Prefer": "outlook.body-content-type=\"text\""])
        #expect(text.json["body"] == ["contentType": "text", "content": "Managed by CalSync. Do not edit."])
        #expect(text.header("Preference-Applied") == "outlook.body-content-type=\"text\"")
    }
}
