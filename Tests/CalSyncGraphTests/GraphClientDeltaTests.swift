import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import Foundation
import Testing

@Suite struct GraphClientDeltaTests {
    // [2026-03-01T00:00:00Z, 2026-04-01T00:00:00Z)
    let window = TimeRange(start: Date(timeIntervalSince1970: 1_772_323_200), end: Date(timeIntervalSince1970: 1_775_001_600))

    func upserts(_ page: DeltaPage) -> [ExternalEvent] {
        page.changes.compactMap { if case .upsert(let event) = $0 { event } else { nil } }
    }

    @Test func theInitialRequest() async throws {
        let transport = ScriptedTransport(graph: [.fixture("calendarview-delta-first-page.json")])
        _ = try await TestIntegration.client(transport).calendarDelta(userId: "user/1+=", cursor: .initial(window))
        let request = try #require(transport.graphRequests.first)
        #expect(request.method == .get)
        #expect(
            request.url.absoluteString == "https://graph.microsoft.com/v1.0/users/user%2F1%2B%3D/calendarView/delta"
                + "?startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-04-01T00:00:00Z")
        #expect(
            request.headers.values("Prefer")
                == [#"IdType="ImmutableId", outlook.timezone="UTC", odata.maxpagesize=100"#])
        #expect(request.headers["Authorization"] == "Bearer token-1")
    }

    @Test func aWholeRoundFromTheFixtures() async throws {
        let transport = ScriptedTransport(graph: [
            .fixture("calendarview-delta-first-page.json"), .fixture("calendarview-delta-second-page.json"),
            .fixture("calendarview-delta-last-page-deltalink.json"), .fixture("calendarview-delta-next-round-removed.json"),
        ])
        let client = try TestIntegration.client(transport)

        let first = try await client.calendarDelta(userId: "u1", cursor: .initial(window))
        #expect(upserts(first).map(\.id) == ["AAMkADNVxRAAA=", "AAMkADVxSAAA="])
        #expect(first.nextLink == "https://graph.microsoft.com/v1.0/me/calendarView/delta?$skiptoken=R0usmcCM996atia_s")
        #expect(first.deltaLink == nil)
        let event = try #require(upserts(first).first)
        #expect(
            event
                == ExternalEvent(
                    id: "AAMkADNVxRAAA=",
                    time: .timed(
                        TimeRange(
                            start: Timestamp.parse("2016-12-09T20:30:00Z")!, end: Timestamp.parse("2016-12-09T22:00:00Z")!),
                        zone: "Etc/UTC"),
                    showAs: .busy, isCancelled: false,
                    labelDigest: EventLabel.digest(subject: "Plan shopping list", location: nil)))

        let second = try await client.calendarDelta(userId: "u1", cursor: .link(try #require(first.nextLink)))
        #expect(upserts(second).map(\.id) == ["AAMkADVxTAAA=", "AAMkADVxUAAA="])
        #expect(second.nextLink == "https://graph.microsoft.com/v1.0/me/calendarView/delta?$skiptoken=R0usmci39OQxqJrxK4")

        let last = try await client.calendarDelta(userId: "u1", cursor: .link(try #require(second.nextLink)))
        #expect(upserts(last).map(\.id) == ["AAMkADj1HuAAA="])
        #expect(last.nextLink == nil)
        #expect(last.deltaLink == "https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=R0usmcMDNGg0J1E")

        let next = try await client.calendarDelta(userId: "u1", cursor: .link(try #require(last.deltaLink)))
        #expect(next.changes.count == 2)
        #expect(next.changes.first == .removed(id: "AAMkADk0MGFkODE3LWE4MmYtNDRhOS04OGQLkRkXbBznTvAADb6ytyAAA="))
        #expect(upserts(next).map(\.id) == ["AAMkADj1HvAAA="])
        #expect(next.deltaLink == "https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=R0usmcFuQtZdtpk4")

        // Links are followed verbatim, with the same Prefer header as the first request.
        let requests = transport.graphRequests
        #expect(requests.dropFirst().map(\.url.absoluteString) == [first.nextLink, second.nextLink, last.deltaLink])
        #expect(Set(requests.map { $0.headers["Prefer"] ?? "" }).count == 1)
    }

    @Test func allTheFieldsThePullRulesNeed() async throws {
        let body = #"""
            {"value":[
              {"id":"a","subject":"Secret meeting","body":{"content":"x"},"location":{"displayName":"HQ"},
               "attendees":[{"emailAddress":{"address":"x@y"}}],
               "start":{"dateTime":"2026-03-03T00:00:00.0000000","timeZone":"UTC"},
               "end":{"dateTime":"2026-03-04T00:00:00.0000000","timeZone":"UTC"},
               "isAllDay":true,"showAs":"Tentative","isCancelled":true,
               "responseStatus":{"response":"declined","time":"0001-01-01T00:00:00Z"},
               "type":"occurrence","seriesMasterId":"master-1","categories":["CalSync","Red"],
               "transactionId":"tx-9"},
              {"id":"b","start":{"dateTime":"2026-03-05T09:00:00.0000000","timeZone":"UTC"},
               "end":{"dateTime":"2026-03-05T10:00:00.0000000","timeZone":"UTC"},"showAs":"somethingNew",
               "transactionId":null,"seriesMasterId":null},
              {"id":"c","@removed":{"reason":"deleted"}}
            ],"@odata.deltaLink":"https://graph.microsoft.com/v1.0/users/u/calendarView/delta?$deltatoken=z"}
            """#
        let transport = ScriptedTransport(graph: [.json(200, body)])
        let page = try await TestIntegration.client(transport).calendarDelta(userId: "u", cursor: .initial(window))
        let events = upserts(page)
        #expect(
            events[0]
                == ExternalEvent(
                    id: "a",
                    time: .allDay(first: LocalDate(year: 2026, month: 3, day: 3)!, end: LocalDate(year: 2026, month: 3, day: 4)!),
                    showAs: .tentative, isCancelled: true, declinedByOwner: true, isSeriesMaster: false,
                    categories: ["CalSync", "Red"], idempotencyKey: "tx-9", tagValue: nil,
                    labelDigest: EventLabel.digest(subject: "Secret meeting", location: "HQ")))
        #expect(events[1].showAs == .unknown)
        #expect(events[1].labelDigest == nil, "no subject in the answer: nothing is known of the title")
        #expect(events[1].idempotencyKey == nil)
        #expect(page.changes[2] == .removed(id: "c"))
        #expect(!String(describing: page).contains("Secret meeting"))
        #expect(!String(describing: page).contains("HQ"))
    }

    @Test func anItemWithoutAnIdIsRejected() async throws {
        let body =
            #"{"value":[{"start":{"dateTime":"2026-03-05T09:00:00","timeZone":"UTC"}}],"@odata.deltaLink":"https://graph.microsoft.com/x"}"#
        let transport = ScriptedTransport(graph: [.json(200, body)])
        let client = try TestIntegration.client(transport)
        let error = await calendarError { _ = try await client.calendarDelta(userId: "u", cursor: .initial(window)) }
        #expect(error?.kind == .transient)
        #expect(error?.providerCode == "InvalidResponse")
    }

    @Test func aPageWithoutLinksIsRejected() async throws {
        let transport = ScriptedTransport(graph: [.json(200, #"{"value":[]}"#)])
        let client = try TestIntegration.client(transport)
        let error = await calendarError { _ = try await client.calendarDelta(userId: "u", cursor: .initial(window)) }
        #expect(error?.providerCode == "InvalidResponse")
    }

    @Test func expiredTokensMeanSyncStateLost() async throws {
        let transport = ScriptedTransport(graph: [
            .fixture("error-delta-syncstatenotfound.json", status: 410),
            .json(400, #"{"error":{"code":"resyncRequired","message":"reset"}}"#),
            .status(410, headers: ["Location": "https://graph.microsoft.com/v1.0/users/u/calendarView/delta"]),
            .json(404, #"{"error":{"code":"syncStateNotFound","message":"gone"}}"#),
        ])
        let client = try TestIntegration.client(transport)
        let link = DeltaCursor.link("https://graph.microsoft.com/v1.0/users/u/calendarView/delta?$deltatoken=old")
        for _ in 0..<4 {
            let error = await calendarError { _ = try await client.calendarDelta(userId: "u", cursor: link) }
            #expect(error?.kind == .cursorExpired)
        }
    }

    @Test func aStoredLinkToAnotherHostIsRefused() async throws {
        let transport = ScriptedTransport()
        let client = try TestIntegration.client(transport)
        let error = await calendarError {
            _ = try await client.calendarDelta(userId: "u", cursor: .link("https://attacker.example/delta?$deltatoken=x"))
        }
        #expect(error?.kind == .invalidRequest)
        #expect(transport.requests.isEmpty)
    }
}
