import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

@testable import CalSyncAPI

// MARK: - PATCH and DELETE

extension IntegrationRoutesTests {
    @Test func patchChangesOnlyWhatItNamesAndMergesSettings() async throws {
        let h = try harness()
        let id = try await AdminFixture.createIntegration(h, ["settings": ["pastDays": 3, "workday": ["end": "18:00"]]])
        let newSecret = "another-Secret-Value-42"
        let reply = await h.send(
            .patch, "/v1/integrations/\(id)",
            json: [
                "name": "Renamed", "clientSecret": newSecret, "settings": ["workday": ["start": "08:30"], "remindersOn": true],
            ])
        #expect(reply.status == 200, "\(text(reply))")
        #expect(reply.json["name"] as? String == "Renamed")
        #expect(!text(reply).contains(newSecret))
        let settings = try #require(reply.json["settings"] as? [String: Any])
        #expect(settings["workday"] as? [String: String] == ["start": "08:30", "end": "18:00"])
        #expect(settings["pastDays"] as? Int == 3)
        #expect(settings["remindersOn"] as? Bool == true)
        let stored = try #require(try await h.store.integration(id: id))
        #expect(stored.connection.secret.revealed == newSecret)
        #expect(stored.connection.microsoft365?.tenantId == "contoso.onmicrosoft.com")
        #expect(!text(await h.send(.get, "/v1/integrations/\(id)")).contains(newSecret))

        let inactive = await h.send(.patch, "/v1/integrations/\(id)", json: ["status": "inactive"])
        #expect(inactive.json["status"] as? String == "inactive")
        let everywhere = await h.send(.patch, "/v1/integrations/\(id)", json: ["establishments": NSNull()])
        #expect(everywhere.json["establishments"] as? [String] == [])
    }

    @Test func patchRejectsFieldsOutsideTheContractAndBadValues() async throws {
        let h = try harness()
        let id = try await AdminFixture.createIntegration(h)
        let cases: [(String, String)] = [
            (#"{"tenantId": "other"}"#, "tenantId"), (#"{"status": "paused"}"#, "status"), (#"{"name": null}"#, "name"),
            (#"{"settings": {"futureDays": 1000}}"#, "settings.futureDays"),
            (#"{"settings": {"workday": {"start": "17:45"}}}"#, "settings.workday.start"),
        ]
        for (body, field) in cases {
            let reply = await h.send(.patch, "/v1/integrations/\(id)", json: try object(body))
            #expect(reply.status == 422 && reply.errorField == field, "\(body): \(text(reply))")
        }
        #expect(try await h.store.integration(id: id)?.settings == SyncSettings())
    }

    @Test func patchOfScopeOrSettingsReplansThePushes() async throws {
        let h = try harness()
        let id = try await AdminFixture.createIntegration(h, ["establishments": ["paris", "lyon"]])
        try await AdminFixture.seedPerson(h.store, "i-paris", establishment: "paris", integrationId: id)
        try await AdminFixture.seedPerson(h.store, "i-lyon", establishment: "lyon", integrationId: id)
        try await AdminFixture.seedEvent(h.store, "e-1", hours: 48, instructors: ["i-paris", "i-lyon"])
        try await AdminFixture.seedMapping(h.store, integrationId: id, eventId: "e-1", instructorId: "i-lyon")

        // A name change plans nothing.
        #expect(await h.send(.patch, "/v1/integrations/\(id)", json: ["name": "x"]).status == 200)
        #expect(try await h.store.operations().isEmpty)
        #expect(h.control.wakes == 0)

        // Lyon leaves the scope: its pushed event goes; Paris's is created.
        #expect(await h.send(.patch, "/v1/integrations/\(id)", json: ["establishments": ["paris"]]).status == 200)
        let pending = try await h.store.operations(status: .pending)
        #expect(Set(pending.map { "\($0.key.instructorId):\($0.action.rawValue)" }) == ["i-paris:create", "i-lyon:delete"])
        #expect(h.control.wakes == 1)

        // Deactivating plans nothing (events stay).
        #expect(await h.send(.patch, "/v1/integrations/\(id)", json: ["status": "inactive"]).status == 200)
        #expect(try await h.store.operations().count == 2)
    }

    @Test func deleteRemovesTheIntegrationAndItsSyncState() async throws {
        let h = try harness()
        let id = try await AdminFixture.createIntegration(h)
        try await AdminFixture.seedPerson(h.store, "i-1", establishment: "paris", integrationId: id)
        try await AdminFixture.seedMapping(h.store, integrationId: id, eventId: "e-1", instructorId: "i-1")
        let pendingId = try await AdminFixture.seedOperation(h.store, integrationId: id, instructorId: "i-1", status: .pending)

        #expect(await h.send(.delete, "/v1/integrations/\(id)?purgeCalendars=maybe").status == 400)
        #expect(await h.send(.delete, "/v1/integrations/\(id)?force=true").status == 400)
        let reply = await h.send(.delete, "/v1/integrations/\(id)")
        #expect(reply.status == 204)
        #expect(reply.body.isEmpty)
        #expect(await h.send(.get, "/v1/integrations/\(id)").status == 404)
        #expect(try await h.store.mappings(integrationId: id).isEmpty)
        #expect(try await h.store.matches(integrationId: id).isEmpty)
        let dismissed = try #require(try await h.store.operation(id: pendingId))
        #expect(dismissed.status == .processed)
        #expect(dismissed.note == "integration removed")
        #expect(await h.send(.delete, "/v1/integrations/\(id)").status == 404)
    }

    @Test func purgeQueuesADeletePerPushedEventAndRemovesTheIntegrationOnceTheyAreGone() async throws {
        let h = try harness()
        let id = try await AdminFixture.createIntegration(h)
        let other = try await AdminFixture.createIntegration(h)
        try await AdminFixture.seedPerson(h.store, "i-1", establishment: "paris", integrationId: id)
        for event in ["e-1", "e-2"] {
            try await AdminFixture.seedMapping(h.store, integrationId: id, eventId: event, instructorId: "i-1")
        }
        try await AdminFixture.seedMapping(h.store, integrationId: other, eventId: "e-1", instructorId: "i-1")

        let reply = await h.send(.delete, "/v1/integrations/\(id)?purgeCalendars=true")
        #expect(reply.status == 202)
        #expect(reply.json["pendingDeletes"] as? Int == 2)
        let deletes = try await h.store.operations(status: .pending)
        #expect(deletes.map(\.action) == [.delete, .delete])
        #expect(deletes.map(\.key.integrationId) == [id, id])
        #expect(Set(deletes.compactMap(\.externalId)) == ["ext-e-1-i-1", "ext-e-2-i-1"])
        #expect(h.control.wakes == 1)

        // Until the deletes are done it stays, inactive, and cannot be changed.
        let read = await h.send(.get, "/v1/integrations/\(id)")
        #expect(read.json["status"] as? String == "inactive")
        #expect(read.json["purgeRequestedAt"] as? String == "2026-03-01T00:00:00Z")
        #expect(await h.send(.patch, "/v1/integrations/\(id)", json: ["status": "active"]).status == 409)
        #expect(await h.send(.post, "/v1/integrations/\(id)/initialize", json: ["since": "2026-01-01"]).status == 409)
        #expect(try await h.store.integrationsAwaitingPurge().map(\.id) == [id])

        // Asking again queues nothing new.
        #expect(await h.send(.delete, "/v1/integrations/\(id)?purgeCalendars=true").status == 202)
        #expect(try await h.store.operations(status: .pending).count == 2)

        // The worker's side: once the mappings are gone the integration goes.
        #expect(try await h.store.completePurges().isEmpty)
        for event in ["e-1", "e-2"] {
            try await h.store.deleteMapping(for: PushKey(integrationId: id, itemKind: .event, itemId: event, instructorId: "i-1"))
        }
        #expect(try await h.store.completePurges() == [id])
        #expect(await h.send(.get, "/v1/integrations/\(id)").status == 404)
        #expect(await h.send(.get, "/v1/integrations/\(other)").json["status"] as? String == "active")
    }

    @Test func purgeWithNothingPushedRemovesAtOnce() async throws {
        let h = try harness()
        let id = try await AdminFixture.createIntegration(h)
        let reply = await h.send(.delete, "/v1/integrations/\(id)?purgeCalendars=true")
        #expect(reply.status == 202)
        #expect(reply.json["pendingDeletes"] as? Int == 0)
        #expect(await h.send(.get, "/v1/integrations/\(id)").status == 404)
        #expect(await h.send(.delete, "/v1/integrations/\(id)?purgeCalendars=false").status == 404)
    }
}
