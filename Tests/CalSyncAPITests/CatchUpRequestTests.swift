import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

/// Which API writes start a catch-up sync (what `InitialSyncTests` runs end to end), and which do not.
@Suite struct CatchUpRequestTests {
    func harness() throws -> APITestHarness { try APITestHarness(now: PushFixture.now) }

    static var integration: [String: Any] {
        [
            "name": "M365", "tenantId": "tenant-1", "clientId": "client-1", "clientSecret": "secret-value-1",
        ]
    }

    func catchUps(_ api: APITestHarness) -> [String] {
        api.control.catchUps.map { "\($0.integrationId ?? "*")/\($0.instructorId ?? "*")" }
    }

    @Test func creatingOrSwitchingOnAnIntegrationSyncsIt() async throws {
        let api = try harness()
        let created = await api.send(.post, "/v1/integrations", json: Self.integration)
        #expect(created.status == 201)
        let id = try #require(created.json["id"] as? String)
        #expect(catchUps(api) == ["\(id)/*"])

        #expect(await api.send(.patch, "/v1/integrations/\(id)", json: ["name": "Renamed"]).status == 200)
        #expect(await api.send(.patch, "/v1/integrations/\(id)", json: ["status": "inactive"]).status == 200)
        #expect(await api.send(.patch, "/v1/integrations/\(id)", json: ["clientSecret": "other-secret"]).status == 200)
        #expect(catchUps(api).count == 1, "a rename, switching off, a secret while off: nothing to sync")
        #expect(await api.send(.patch, "/v1/integrations/\(id)", json: ["status": "active"]).status == 200)
        #expect(await api.send(.patch, "/v1/integrations/\(id)", json: ["establishments": ["lyon"]]).status == 200)
        #expect(await api.send(.patch, "/v1/integrations/\(id)", json: ["clientSecret": "third-secret"]).status == 200)
        #expect(catchUps(api) == Array(repeating: "\(id)/*", count: 4))
    }

    @Test func aNewOrMovedPersonIsSyncedAtOnce() async throws {
        let api = try harness()
        let person: [String: Any] = ["name": "Ana", "email": "ana@contoso.com", "establishment": "paris"]
        #expect(await api.send(.put, "/v1/instructors/i-ana", json: person, token: .scheduler).status == 201)
        #expect(catchUps(api) == ["*/i-ana"])
        var renamed = person
        renamed["name"] = "Ana L."
        #expect(await api.send(.put, "/v1/instructors/i-ana", json: renamed, token: .scheduler).status == 200)
        #expect(catchUps(api).count == 1, "a new name changes nothing in the calendar")
        var moved = renamed
        moved["email"] = "ana.lopez@contoso.com"
        #expect(await api.send(.put, "/v1/instructors/i-ana", json: moved, token: .scheduler).status == 200)
        #expect(catchUps(api) == ["*/i-ana", "*/i-ana"])

        // Sync off: neither a new address nor anything else syncs the person; switching on does.
        #expect(await api.send(.put, "/v1/instructors/i-ana/sync", json: ["enabled": false]).status == 200)
        moved["email"] = "ana@contoso.com"
        #expect(await api.send(.put, "/v1/instructors/i-ana", json: moved, token: .scheduler).status == 200)
        #expect(catchUps(api).count == 2)
        #expect(await api.send(.put, "/v1/instructors/i-ana/sync", json: ["enabled": true]).status == 200)
        #expect(catchUps(api).count == 3)
    }
}
