import CalSyncHTTP
import Foundation
import GoogleEmulator
import Testing

@Suite struct GoogleSideDoorTests {
    @Test func aPersonAddsMovesAndDeletesEventsOverHTTP() async throws {
        let h = try GoogleHarness()
        let base = "/_emulator/users/ada@fabrikam.example/events"
        let added = await h.send(
            .post, base,
            body:
                #"{"summary":"Dentist","start":{"dateTime":"@+1T15:00:00"},"end":{"dateTime":"@+1T16:00:00"},"transparency":"opaque"}"#,
            token: nil)
        #expect(added.status == 201)
        let id = try #require(added.json["id"]?.stringValue)
        #expect(added.json["start"] == ["dateTime": "2026-03-03T15:00:00+01:00", "timeZone": "Europe/Zurich"])
        let moved = await h.send(
            .patch, base + "/" + id, body: #"{"start":{"dateTime":"@+2T15:00:00"},"end":{"dateTime":"@+2T16:00:00"}}"#, token: nil
        )
        #expect(moved.json["start"]?["dateTime"] == "2026-03-04T15:00:00+01:00")
        #expect(await h.send(.get, base + "/" + id, token: nil).json == moved.json)
        #expect(await h.send(.delete, base + "/" + id, token: nil).status == 204)
        #expect(await h.send(.get, base + "/" + id, token: nil).json["status"] == "cancelled")
        #expect(await h.send(.delete, base + "/" + id, token: nil).status == 410)
        // Aliases find the person too; the list holds everything, deleted items included.
        let all = await h.send(.get, "/_emulator/users/a.lovelace@fabrikam.example/events", token: nil)
        #expect(all.items.contains { $0["id"]?.stringValue == id && $0["status"] == "cancelled" })
        #expect(await h.send(.get, "/_emulator/users/nobody@fabrikam.example/events", token: nil).status == 404)
        #expect(await h.send(.post, base, body: "[]", token: nil).reason == "parseError")
        #expect(await h.send(.get, "/_emulator/nothing", token: nil).status == 404)
    }

    @Test func syncTokensExpirePerUserAndAccessTokensAll() async throws {
        let h = try GoogleHarness()
        let ada = try h.token()
        let grace = try h.token(GoogleHarness.grace)
        let adaSync = try #require(await h.listAll([("singleEvents", "true")], token: ada).syncToken)
        let graceSync = try #require(await h.listAll([("singleEvents", "true")], token: grace).syncToken)
        #expect(await h.send(.post, "/_emulator/syncTokens/expire?user=ada@fabrikam.example", token: nil).status == 204)
        #expect(await h.send(.get, GoogleHarness.events + "?singleEvents=true&syncToken=\(adaSync)", token: ada).status == 410)
        #expect(
            await h.send(.get, GoogleHarness.events + "?singleEvents=true&syncToken=\(graceSync)", token: grace).status == 200)
        #expect(await h.send(.post, "/_emulator/syncTokens/expire?user=nobody@x.example", token: nil).status == 404)
        #expect(await h.send(.post, "/_emulator/tokens/expire", token: nil).status == 204)
        #expect(await h.send(.get, GoogleHarness.events, token: grace).status == 401)
    }

    @Test func delegationIsShownRevokedPerScopeAndGranted() async throws {
        let h = try GoogleHarness()
        let shown = await h.send(.get, "/_emulator/delegation", token: nil)
        #expect(
            shown.json == [
                "104217380923465120001": [.string(GoogleHarness.directoryScope), .string(GoogleHarness.calendarScope)]
            ])
        let revoked = await h.send(
            .post, "/_emulator/delegation/revoke",
            body:
                #"{"clientId":"104217380923465120001","scopes":["https://www.googleapis.com/auth/admin.directory.user.readonly"]}"#,
            token: nil)
        #expect(revoked.json == ["104217380923465120001": [.string(GoogleHarness.calendarScope)]])
        #expect(await h.requestToken(try h.assertion(h.claims())).status == 200)
        let directory = h.claims(["sub": .string(GoogleHarness.grace), "scope": .string(GoogleHarness.directoryScope)])
        #expect(await h.requestToken(try h.assertion(directory)).status == 401)
        let granted = await h.send(
            .post, "/_emulator/delegation/grant",
            body:
                #"{"clientId":"104217380923465120001","scopes":["https://www.googleapis.com/auth/admin.directory.user.readonly"]}"#,
            token: nil)
        #expect(granted.status == 200)
        #expect(await h.requestToken(try h.assertion(directory)).status == 200)
        #expect(await h.send(.post, "/_emulator/delegation/grant", body: #"{"clientId":"1"}"#, token: nil).status == 400)
    }

    @Test func tenantProblemsAreReportedNotFatal() throws {
        var tenant = try GoogleTenant(contentsOf: GoogleHarness.tenantPath)
        tenant.serviceAccounts[0].keys.append(
            GoogleTenant.Key(keyId: "broken", publicKey: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))
        tenant.users[0].events = [["summary": "no times"], ["start": ["date": "@+1"], "end": ["date": "@+2"]]]
        tenant.users[1].timeZone = "Europe/Atlantis"
        tenant.users[2].id = tenant.users[0].id
        let emulator = GoogleEmulator(tenant: tenant)
        #expect(emulator.tenantIssues.count == 4)
        #expect(
            emulator.tenantIssues.contains("grace@fabrikam.example: unknown time zone Europe/Atlantis; the calendar uses UTC"))
        #expect(
            emulator.tenantIssues.contains {
                $0.hasPrefix("linus@fabrikam.example: 110248495921238986420 is used by another user")
            })
        #expect(emulator.tenantIssues.first?.contains("key broken") == true)
        #expect(emulator.tenantIssues.last == "ada@fabrikam.example event #0: Missing start time.")
        #expect(emulator.storedEvents(user: GoogleHarness.ada).count == 1)
    }

    @Test func relativeDatesFollowTodayInTheCalendarsZone() throws {
        // 23:30 UTC on 1 March is already 2 March in Zurich and still 1 March in New York.
        let h = try GoogleHarness(now: "2026-03-01T23:30:00Z")
        let adaToday = try h.emulator.addEvent(user: GoogleHarness.ada, json: #"{"start":{"date":"@+0"},"end":{"date":"@+1"}}"#)
        let graceToday = try h.emulator.addEvent(
            user: GoogleHarness.grace, json: #"{"start":{"date":"@+0"},"end":{"date":"@+1"}}"#)
        #expect(h.emulator.storedEvent(user: GoogleHarness.ada, eventId: adaToday)?["start"] == ["date": "2026-03-02"])
        #expect(h.emulator.storedEvent(user: GoogleHarness.grace, eventId: graceToday)?["start"] == ["date": "2026-03-01"])
    }
}
