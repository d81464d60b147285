import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

@testable import CalSyncAPI

// MARK: - One body per type

extension IntegrationRoutesTests {
    /// The Exchange Server body of the contract (its password is write-only).
    static var exchangeBody: [String: Any] {
        [
            "name": "Contoso (Exchange)", "type": "exchange", "ewsURL": "https://mail.contoso.com/EWS/Exchange.asmx",
            "username": "CONTOSO\\svc-calsync", "password": AdminFixture.secret, "authScheme": "ntlm",
            "establishments": ["paris"],
        ]
    }

    /// The Google Workspace body of the contract (its service-account key is write-only).
    static var googleBody: [String: Any] {
        [
            "name": "Fabrikam (Google)", "type": "google", "adminEmail": "it-admin@fabrikam.example",
            "serviceAccountKey": [
                "type": "service_account", "client_email": "calsync@fabrikam.iam.gserviceaccount.com",
                "private_key": AdminFixture.secret, "token_uri": "https://oauth2.googleapis.com/token",
            ],
        ]
    }

    @Test func eachTypeIsJudgedOnItsOwnFields() async throws {
        let h = try harness()
        // A Google body is judged on its own fields: this key is no key file (and is never quoted).
        let google = await h.send(.post, "/v1/integrations", json: Self.googleBody)
        #expect(google.status == 422 && google.errorField == "serviceAccountKey")
        #expect(!text(google).contains(AdminFixture.secret))
        // A field no type has is named as such.
        let bare = await h.send(.post, "/v1/integrations", json: ["type": "google", "colour": "blue"])
        #expect(bare.errorCode == "unknown_field" && bare.errorField == "colour")
        #expect(try await h.store.integrations().isEmpty)
    }

    @Test(arguments: ["caldav", "Microsoft365", "office365"])
    func anUnknownTypeNamesTheSupportedOnes(type: String) async throws {
        let h = try harness()
        let reply = await h.send(.post, "/v1/integrations", json: AdminFixture.createBody(["type": type]))
        #expect(reply.status == 422)
        #expect(reply.errorCode == "invalid_field")
        #expect(reply.errorField == "type")
        let message = (reply.json["error"] as? [String: Any])?["message"] as? String
        #expect(message == "`type` must be microsoft365 or exchange or google.")
        #expect(try await h.store.integrations().isEmpty)
    }

    @Test(arguments: [
        ("ewsURL", "exchange"), ("password", "exchange"), ("serviceAccountKey", "google"), ("googleBaseURL", "google"),
    ])
    func aFieldOfAnotherTypeIsNamedAsSuch(field: String, type: String) async throws {
        let h = try harness()
        let reply = await h.send(.post, "/v1/integrations", json: AdminFixture.createBody([field: "x"]))
        #expect(reply.status == 422)
        #expect(reply.errorCode == "unknown_field")
        #expect(reply.errorField == field)
        let message = (reply.json["error"] as? [String: Any])?["message"] as? String
        #expect(message == "`\(field)` is a field of \(type) integrations, not of microsoft365 ones.")

        let id = try await AdminFixture.createIntegration(h)
        let patch = await h.send(.patch, "/v1/integrations/\(id)", json: [field: "x"])
        #expect(patch.status == 422)
        #expect(patch.errorField == field)
        #expect((patch.json["error"] as? [String: Any])?["message"] as? String == message)
    }

    @Test func patchNeverChangesTheType() async throws {
        let h = try harness()
        let id = try await AdminFixture.createIntegration(h)
        for type in ["exchange", "google", "caldav"] {
            let reply = await h.send(.patch, "/v1/integrations/\(id)", json: ["type": type, "name": "Renamed"])
            #expect(reply.status == 422, "\(type): \(text(reply))")
            #expect(reply.errorCode == "invalid_field")
            #expect(reply.errorField == "type")
            let message = (reply.json["error"] as? [String: Any])?["message"] as? String
            #expect(message == "An integration's type cannot change (this one is microsoft365): create another integration.")
        }
        #expect(try await h.store.integration(id: id)?.name == "Contoso M365")
        let same = await h.send(.patch, "/v1/integrations/\(id)", json: ["type": "microsoft365", "name": "Renamed"])
        #expect(same.status == 200, "\(text(same))")
        #expect(same.json["name"] as? String == "Renamed")
    }
}
