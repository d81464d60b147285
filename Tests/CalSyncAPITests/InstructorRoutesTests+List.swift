import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

// MARK: - List, filters, paging and the person's sync representation

extension InstructorRoutesTests {
    /// i-1 matched (paris), i-2 unmatched (paris), i-3 ambiguous (lyon), i-4 never matched (lyon, sync off),
    /// i-5 matched (lyon), under one integration covering everyone.
    func seededPeople() async throws -> APITestHarness {
        let api = try harness()
        try await PushFixture.seedIntegration(api.store)
        try await PushFixture.seedMatchedInstructor(api.store, "i-1")
        try await PushFixture.seedInstructor(api.store, "i-2")
        try await PushFixture.seedMatch(api.store, "i-2", status: .unmatched)
        try await PushFixture.seedInstructor(api.store, "i-3", establishment: "lyon")
        try await PushFixture.seedMatch(api.store, "i-3", status: .ambiguous)
        try await PushFixture.seedInstructor(api.store, "i-4", establishment: "lyon", syncEnabled: false)
        try await PushFixture.seedMatchedInstructor(api.store, "i-5", establishment: "lyon")
        return api
    }

    func ids(_ reply: APITestHarness.Reply) -> [String] { reply.items.compactMap { $0["id"] as? String } }

    @Test func listFiltersByMatchStatusEstablishmentAndSyncSwitch() async throws {
        let api = try await seededPeople()
        let all = await api.send(.get, "/v1/instructors", token: .reader)
        #expect(all.status == 200)
        #expect(ids(all) == ["i-1", "i-2", "i-3", "i-4", "i-5"])
        #expect(all.json["nextCursor"] is NSNull)
        #expect(ids(await api.send(.get, "/v1/instructors?matchStatus=matched", token: .reader)) == ["i-1", "i-5"])
        #expect(ids(await api.send(.get, "/v1/instructors?matchStatus=unmatched", token: .reader)) == ["i-2"])
        #expect(ids(await api.send(.get, "/v1/instructors?matchStatus=ambiguous", token: .reader)) == ["i-3"])
        #expect(ids(await api.send(.get, "/v1/instructors?matchStatus=pending", token: .reader)) == ["i-4"])
        #expect(ids(await api.send(.get, "/v1/instructors?establishment=lyon", token: .reader)) == ["i-3", "i-4", "i-5"])
        #expect(ids(await api.send(.get, "/v1/instructors?syncEnabled=false", token: .reader)) == ["i-4"])
        let combined = await api.send(
            .get, "/v1/instructors?establishment=lyon&matchStatus=matched&syncEnabled=true",
            token: .reader)
        #expect(ids(combined) == ["i-5"])
        #expect(ids(await api.send(.get, "/v1/instructors?establishment=nowhere", token: .reader)).isEmpty)
    }

    @Test func listRejectsBadParameters() async throws {
        let api = try await seededPeople()
        for target in [
            "/v1/instructors?matchStatus=maybe", "/v1/instructors?syncEnabled=yes", "/v1/instructors?limit=0",
            "/v1/instructors?limit=501", "/v1/instructors?cursor=%%%", "/v1/instructors?sort=name",
            "/v1/instructors?limit=1&limit=2",
        ] {
            let reply = await api.send(.get, target, token: .reader)
            #expect(reply.status == 400, "\(target)")
        }
    }

    @Test func listPagesWithACursor() async throws {
        let api = try await seededPeople()
        var seen: [String] = []
        var target = "/v1/instructors?limit=2"
        var pages = 0
        while pages < 10 {
            let reply = await api.send(.get, target, token: .reader)
            #expect(reply.status == 200)
            seen += ids(reply)
            pages += 1
            guard let cursor = reply.json["nextCursor"] as? String else { break }
            target = "/v1/instructors?limit=2&cursor=\(cursor)"
        }
        #expect(seen == ["i-1", "i-2", "i-3", "i-4", "i-5"])
        #expect(pages == 3)

        let first = await api.send(.get, "/v1/instructors?matchStatus=matched&limit=1", token: .reader)
        #expect(ids(first) == ["i-1"])
        let cursor = try #require(first.json["nextCursor"] as? String)
        let second = await api.send(.get, "/v1/instructors?matchStatus=matched&limit=1&cursor=\(cursor)", token: .reader)
        #expect(ids(second) == ["i-5"])
        #expect(second.json["nextCursor"] is NSNull)
    }

    @Test func representationShowsMatchAndFailClosedSyncStatus() async throws {
        let api = try await seededPeople()
        let store = api.store
        let window = (start: PushFixture.at("2026-02-28T00:00:00Z"), end: PushFixture.at("2026-08-28T00:00:00Z"))
        func saveState(success: Date?, error: Date? = nil) async throws {
            try await store.saveSyncState(
                SyncState(
                    integrationId: "m365", instructorId: "i-1", calendarId: "u-i-1", cursor: SyncCursor("https://delta"),
                    windowStart: window.start, windowEnd: window.end, lastSuccessAt: success, lastErrorAt: error,
                    lastErrorCode: error == nil ? nil : "ErrorAccessDenied",
                    lastErrorMessage: error == nil ? nil : "Access is denied."))
        }

        let matchedOnly = await api.send(.get, "/v1/instructors/i-1", token: .reader)
        #expect(matchedOnly.json["matchStatus"] as? String == "matched")
        #expect(matchedOnly.json["syncStatus"] as? String == "stale")  // never pulled yet
        let user = try #require(matchedOnly.json["calendarUser"] as? [String: Any])
        #expect(user["id"] as? String == "u-i-1" && user["mail"] as? String == "i-1@contoso.com")
        let integration = try #require(matchedOnly.json["integration"] as? [String: Any])
        #expect(integration["id"] as? String == "m365" && integration["name"] as? String == "Contoso M365")
        #expect(integration["type"] as? String == "microsoft365" && integration["status"] as? String == "active")
        #expect(integration["clientSecret"] == nil)

        try await saveState(success: PushFixture.now.addingTimeInterval(-60))
        let ok = await api.send(.get, "/v1/instructors/i-1", token: .reader)
        #expect(ok.json["syncStatus"] as? String == "ok")
        #expect(ok.json["lastSyncAt"] as? String == "2026-02-28T23:59:00Z")
        #expect(ok.json["lastError"] is NSNull)

        try await saveState(success: PushFixture.now.addingTimeInterval(-3_600))
        #expect(await api.send(.get, "/v1/instructors/i-1", token: .reader).json["syncStatus"] as? String == "stale")

        try await saveState(success: PushFixture.now.addingTimeInterval(-600), error: PushFixture.now.addingTimeInterval(-30))
        let failing = await api.send(.get, "/v1/instructors/i-1", token: .reader)
        #expect(failing.json["syncStatus"] as? String == "error")
        let error = try #require(failing.json["lastError"] as? [String: Any])
        #expect(error["code"] as? String == "ErrorAccessDenied" && error["message"] as? String == "Access is denied.")

        let unmatched = await api.send(.get, "/v1/instructors/i-2", token: .reader)
        #expect(unmatched.json["matchStatus"] as? String == "unmatched")
        #expect(unmatched.json["syncStatus"] as? String == "unmatched")
        #expect(unmatched.json["calendarUser"] is NSNull)
        #expect((unmatched.json["lastError"] as? [String: Any])?["code"] as? String == "unmatched")

        let disabled = await api.send(.get, "/v1/instructors/i-4", token: .reader)
        #expect(disabled.json["matchStatus"] as? String == "pending")
        #expect(disabled.json["syncStatus"] as? String == "disabled")
        #expect(disabled.json["syncEnabled"] as? Bool == false)
    }

    @Test func anUncoveredEstablishmentHasNoIntegration() async throws {
        let api = try harness()
        try await PushFixture.seedIntegration(api.store, establishments: ["paris"])
        try await PushFixture.seedInstructor(api.store, "i-9", establishment: "lyon")
        let reply = await api.send(.get, "/v1/instructors/i-9", token: .reader)
        #expect(reply.status == 200, "\(String(decoding: reply.body, as: UTF8.self))")
        #expect(reply.json["integration"] is NSNull)
        #expect(reply.json["matchStatus"] as? String == "pending")
        #expect(reply.json["syncStatus"] as? String == "disabled")
    }
}
