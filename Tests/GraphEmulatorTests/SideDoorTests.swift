import Foundation
import GraphEmulator
import Testing

@Suite struct SideDoorTests {
    @Test func eventsThroughTheSideDoorNeedNoToken() async throws {
        let h = try EmulatorHarness()
        let base = "/_emulator/users/\(EmulatorHarness.carol)/events"
        let added = await h.send(
            .post, base,
            body: """
                {"subject":"Doctor","start":{"dateTime":"2025-03-06T10:00:00","timeZone":"UTC"},"end":{"dateTime":"2025-03-06T11:00:00","timeZone":"UTC"},
                 "singleValueExtendedProperties":[{"id":"\(EmulatorHarness.propertyId)","value":"x"}]}
                """, authorized: false)
        #expect(added.status == 201)
        let id = try #require(added.json["id"]?.stringValue)
        #expect(added.json["singleValueExtendedProperties"]?.arrayValue?.count == 1)
        #expect(added.json["createdVia"] == "sideDoor")

        let moved = await h.send(
            .patch, "\(base)/\(id)",
            body:
                #"{"start":{"dateTime":"2025-03-06T12:00:00","timeZone":"UTC"},"end":{"dateTime":"2025-03-06T13:00:00","timeZone":"UTC"}}"#,
            authorized: false)
        #expect(moved.status == 200)
        #expect(moved.json["start"] == ["dateTime": "2025-03-06T12:00:00.0000000", "timeZone": "UTC"])

        let listed = await h.send(.get, base, authorized: false)
        #expect(listed.value.count == 2)
        #expect(await h.send(.delete, "\(base)/\(id)", authorized: false).status == 204)
        #expect(await h.send(.delete, "\(base)/\(id)", authorized: false).status == 404)
        #expect(h.emulator.storedEvents(userId: "carol.nguyen@contoso.example").count == 1)
    }

    @Test func addUserAndStats() async throws {
        let h = try EmulatorHarness()
        let user = """
            {"id":"22222222-aaaa-4bbb-8ccc-000000000009","displayName":"Gina New","mail":"gina@contoso.example",
             "userPrincipalName":"gina@contoso.example","proxyAddresses":["SMTP:gina@contoso.example"],"mailboxTimeZone":"UTC"}
            """
        #expect(await h.send(.post, "/_emulator/users", body: user, authorized: false).status == 201)
        #expect(await h.send(.post, "/_emulator/users", body: user, authorized: false).status == 409)
        let found = await h.get("/v1.0/users?$filter=" + EmulatorHarness.encode("mail eq 'gina@contoso.example'"))
        #expect(found.value.count == 1)
        let settings = await h.get("/v1.0/users/gina@contoso.example/mailboxSettings")
        #expect(settings.json["timeZone"] == "UTC")
        let stats = await h.send(.get, "/_emulator/stats", authorized: false)
        let rows = stats.json["requests"]?.arrayValue ?? []
        #expect(rows.contains { $0["route"] == "GET /users" && $0["status"] == 200 })
        #expect(h.emulator.stats().count(route: "GET /users/{id}/mailboxSettings") == 1)
        #expect(await h.send(.get, "/_emulator/nothing", authorized: false).status == 404)
    }

    @Test func tenantFileLoadsWithoutIssues() throws {
        let h = try EmulatorHarness()
        #expect(h.emulator.tenantIssues.isEmpty)
        let jane = h.emulator.storedEvents(userId: EmulatorHarness.jane)
        #expect(jane.count == 3)
        #expect(jane.first?.isSeriesMaster == true)
        #expect(jane.allSatisfy { !$0.createdViaGraph })
    }
}
