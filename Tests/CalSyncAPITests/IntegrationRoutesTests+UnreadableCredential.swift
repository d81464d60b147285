import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

@testable import CalSyncAPI

// MARK: - A credential stored under another key than the server's

extension IntegrationRoutesTests {
    @Test func anIntegrationWhoseCredentialCannotBeReadIsShownKeptOnPatchAndFixedByANewOne() async throws {
        let h = try harness()
        let id = try await AdminFixture.createIntegration(h)
        // The credential as another server (another key) wrote it.
        let elsewhere = try CalSyncStore(path: h.database.path, sealer: try CredentialSealer.random().sealer)
        let integration = try #require(try await h.store.integration(id: id))
        try await elsewhere.saveIntegration(integration)
        let secret = try await elsewhere.integration(id: id)?.connection.secret.revealed
        #expect(secret == integration.connection.secret.revealed)

        let shown = await h.send(.get, "/v1/integrations/\(id)")
        #expect(shown.status == 200, "\(text(shown))")
        #expect(shown.json["clientSecretSet"] as? Bool == false)
        #expect(await h.send(.get, "/v1/integrations").items.count == 1)

        let renamed = await h.send(.patch, "/v1/integrations/\(id)", json: ["name": "Renamed"])
        #expect(renamed.status == 200, "\(text(renamed))")
        // The other server still reads its credential: the rename kept it as it was stored.
        #expect(try await elsewhere.integration(id: id)?.connection.secret.revealed == secret)
        #expect(try await elsewhere.integration(id: id)?.name == "Renamed")

        let newSecret = "entered-Again-Secret-77"
        let fixed = await h.send(.patch, "/v1/integrations/\(id)", json: ["clientSecret": newSecret])
        #expect(fixed.status == 200, "\(text(fixed))")
        #expect(fixed.json["clientSecretSet"] as? Bool == true)
        #expect(try await h.store.integration(id: id)?.connection.secret.revealed == newSecret)
        #expect(!text(fixed).contains(newSecret))
    }
}
