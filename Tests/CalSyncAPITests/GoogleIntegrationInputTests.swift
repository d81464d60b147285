import CalSyncAPI
import CalSyncCore
import CalSyncHTTP
import Foundation
import Testing

/// What an admin gets wrong in a `google` integration's body, and what a PATCH may change: every refusal is a 422
/// naming the field, and no answer ever quotes the key.
@Suite(.serialized) struct GoogleIntegrationInputTests {
    typealias World = GoogleEndToEndTests.World

    static func refused(
        _ w: World, _ body: [String: Any], field: String, code: String = "invalid_field", saying: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let (status, json, text) = await w.call(.post, "/v1/integrations", body)
        #expect(status == 422, "\(text)", sourceLocation: sourceLocation)
        let error = json["error"] as? [String: Any]
        #expect(error?["field"] as? String == field, "\(text)", sourceLocation: sourceLocation)
        #expect(error?["code"] as? String == code, "\(text)", sourceLocation: sourceLocation)
        if let saying { #expect(text.contains(saying), "\(text)", sourceLocation: sourceLocation) }
        #expect(!text.contains("MII") && !text.contains("PRIVATE KEY-----\\n"), sourceLocation: sourceLocation)
        #expect(try await w.store.integrations().isEmpty, sourceLocation: sourceLocation)
    }

    @Test func unusableKeysAndAddressesAreRefusedNamingTheField() async throws {
        let w = try await World()
        defer { w.deinitialize() }
        let key = try World.key()
        let pem = try #require(key["private_key"] as? String)
        func with(_ name: String, _ value: Any?) -> [String: Any] {
            var changed = key
            changed[name] = value
            return changed
        }
        // A key pasted with literal "\n" sequences.
        try await Self.refused(
            w, try World.body(key: with("private_key", pem.replacingOccurrences(of: "\n", with: "\\n"))),
            field: "serviceAccountKey", saying: "instead of line breaks")
        try await Self.refused(
            w, try World.body(key: with("private_key", nil)), field: "serviceAccountKey", saying: "private_key")
        try await Self.refused(
            w, try World.body(key: with("type", "authorized_user")), field: "serviceAccountKey", saying: "service_account")
        try await Self.refused(w, try World.body(key: with("client_id", "abc")), field: "serviceAccountKey", saying: "client_id")
        try await Self.refused(
            w, try World.body(key: with("token_uri", "http://tokens.example/token")), field: "serviceAccountKey",
            saying: "token_uri")
        try await Self.refused(
            w, try World.body(key: with("universe_domain", "example.com")), field: "serviceAccountKey",
            saying: "universe_domain")
        // The PEM's shape is right but the key does not read: the adapter says so at once.
        let broken = "-----BEGIN PRIVATE KEY-----\nMIIBroken0nly4Test==\n-----END PRIVATE KEY-----\n"
        try await Self.refused(
            w, try World.body(key: with("private_key", broken)), field: "serviceAccountKey", saying: "not usable")
        try await Self.refused(w, try World.body(extra: ["serviceAccountKey": "{}"]), field: "serviceAccountKey")
        try await Self.refused(
            w, try World.body(extra: ["googleBaseURL": "http://www.example.com"]), field: "googleBaseURL", saying: "https://")
        try await Self.refused(w, try World.body(extra: ["adminEmail": "not an address"]), field: "adminEmail")
        try await Self.refused(
            w, try World.body(extra: ["tenantId": "fabrikam"]), field: "tenantId", code: "unknown_field",
            saying: "microsoft365")
        var keyless = try World.body()
        keyless["serviceAccountKey"] = nil
        try await Self.refused(w, keyless, field: "serviceAccountKey")
    }

    @Test func aPatchRotatesTheKeyAndChangesTheAddressesNeverTheType() async throws {
        let w = try await World()
        defer { w.deinitialize() }
        let (_, created, _) = await w.call(.post, "/v1/integrations", try World.body())
        let id = try #require(created["id"] as? String)
        var rotated = try World.key()
        rotated["private_key_id"] = "0000000000000000000000000000000000000002"
        let (status, patched, text) = await w.call(
            .patch, "/v1/integrations/\(id)",
            ["serviceAccountKey": rotated, "adminEmail": NSNull(), "googleBaseURL": "http://localhost:8093"])
        #expect(status == 200, "\(text)")
        #expect((patched["serviceAccount"] as? [String: Any])?["privateKeyId"] as? String == rotated["private_key_id"] as? String)
        #expect(patched["adminEmail"] is NSNull)
        #expect(patched["googleBaseURL"] as? String == "http://localhost:8093")
        let stored = try #require(try await w.store.integration(id: id)?.connection.google)
        #expect(stored.serviceAccountKey.revealed.contains("0000000000000000000000000000000000000002"))

        for (body, field, code) in [
            (["type": "microsoft365"], "type", "invalid_field"),
            (["clientSecret": "x"], "clientSecret", "unknown_field"),
            (["serviceAccountKey": NSNull()], "serviceAccountKey", "invalid_field"),
            (["googleBaseURL": "http://www.example.com"], "googleBaseURL", "invalid_field"),
        ] as [([String: Any], String, String)] {
            let (refused, json, _) = await w.call(.patch, "/v1/integrations/\(id)", body)
            #expect(refused == 422)
            #expect((json["error"] as? [String: Any])?["field"] as? String == field)
            #expect((json["error"] as? [String: Any])?["code"] as? String == code)
        }
        #expect(try await w.store.integration(id: id)?.connection.google?.googleBaseURL == "http://localhost:8093")
    }
}
