import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

@testable import CalSyncAPI

// MARK: - Exchange Server bodies

extension IntegrationRoutesTests {
    @Test func anExchangeIntegrationIsCreatedAndShownWithoutItsPassword() async throws {
        let h = try harness()
        var body = Self.exchangeBody
        body["caFile"] = "/etc/calsync/contoso-ca.pem"
        let created = await h.send(.post, "/v1/integrations", json: body)
        #expect(created.status == 201, "\(text(created))")
        let id = try #require(created.json["id"] as? String)
        #expect(created.json["type"] as? String == "exchange")
        #expect(created.json["ewsURL"] as? String == "https://mail.contoso.com/EWS/Exchange.asmx")
        #expect(created.json["username"] as? String == #"CONTOSO\svc-calsync"#)
        #expect(created.json["authScheme"] as? String == "ntlm")
        #expect(created.json["caFile"] as? String == "/etc/calsync/contoso-ca.pem")
        #expect(created.json["serverVersion"] as? String == "Exchange2013_SP1")
        #expect(created.json["inFlightLimit"] as? Int == 10)
        #expect(created.json["establishments"] as? [String] == ["paris"])
        #expect(created.json["password"] == nil && created.json["tenantId"] == nil)
        let read = await h.send(.get, "/v1/integrations/\(id)")
        let list = await h.send(.get, "/v1/integrations")
        #expect(read.json["ewsURL"] as? String == created.json["ewsURL"] as? String)
        for reply in [created, read, list] { #expect(!text(reply).contains(AdminFixture.secret)) }
        let stored = try #require(try await h.store.integration(id: id)?.connection.exchange)
        #expect(stored.password.revealed == AdminFixture.secret)
        #expect(stored.authScheme == .ntlm)
    }

    @Test func anExchangeBodyTakesBasicAServerVersionAndAnInFlightLimit() async throws {
        let h = try harness()
        var body = Self.exchangeBody
        body["authScheme"] = "basic"
        body["ewsURL"] = "http://127.0.0.1:8091/EWS/Exchange.asmx"
        body["serverVersion"] = "V2017_07_11"
        body["inFlightLimit"] = 4
        let created = await h.send(.post, "/v1/integrations", json: body)
        #expect(created.status == 201, "\(text(created))")
        #expect(created.json["authScheme"] as? String == "basic")
        #expect(created.json["serverVersion"] as? String == "V2017_07_11")
        #expect(created.json["inFlightLimit"] as? Int == 4)
        #expect(created.json["caFile"] is NSNull)
    }

    @Test(
        arguments: [
            ("ewsURL", nil, "`ewsURL` is required."),
            ("ewsURL", "http://mail.contoso.com/EWS/Exchange.asmx", "plain http:// is accepted only for"),
            ("ewsURL", "mail.contoso.com", "such as https://mail.contoso.com/EWS/Exchange.asmx"),
            ("username", nil, "`username` is required."),
            ("username", "CONTOSO\\svc:calsync", "without ':'"),
            ("password", nil, "`password` is required."),
            ("password", "   ", "`password` must not be empty."),
            ("authScheme", "kerberos", "`authScheme` must be one of: ntlm, basic."),
            ("caFile", "contoso-ca.pem", "absolute path"),
            ("serverVersion", "Exchange2019", "`serverVersion` must be Exchange2013"),
            ("serverVersion", "Exchange2010_SP2", "`serverVersion` must be Exchange2013"),
        ] as [(String, String?, String)])
    func aBadExchangeFieldIsNamed(field: String, value: String?, message: String) async throws {
        let h = try harness()
        var body = Self.exchangeBody
        body[field] = value
        let reply = await h.send(.post, "/v1/integrations", json: body)
        #expect(reply.status == 422, "\(text(reply))")
        #expect(reply.errorCode == "invalid_field")
        #expect(reply.errorField == field)
        let text = (reply.json["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(text.contains(message), "\(text)")
        #expect(!self.text(reply).contains(AdminFixture.secret))
        #expect(try await h.store.integrations().isEmpty)
    }

    @Test func aPasswordThatIsNotAStringIsRefusedWithoutRepeatingIt() async throws {
        let h = try harness()
        for (limit, password) in [(0, [AdminFixture.secret] as Any), (101, 42 as Any)] {
            var body = Self.exchangeBody
            body["password"] = password
            let reply = await h.send(.post, "/v1/integrations", json: body)
            #expect(reply.status == 422)
            #expect(reply.errorField == "password")
            #expect(!text(reply).contains(AdminFixture.secret))
            body["password"] = AdminFixture.secret
            body["inFlightLimit"] = limit
            let outOfRange = await h.send(.post, "/v1/integrations", json: body)
            #expect(outOfRange.errorField == "inFlightLimit")
        }
    }

    @Test(arguments: ["tenantId", "clientSecret", "graphBaseURL", "serviceAccountKey"])
    func aFieldOfAnotherTypeIsRefusedOnAnExchangeIntegration(field: String) async throws {
        let h = try harness()
        var body = Self.exchangeBody
        body[field] = "x"
        let reply = await h.send(.post, "/v1/integrations", json: body)
        #expect(reply.status == 422)
        #expect(reply.errorCode == "unknown_field")
        #expect(reply.errorField == field)
        let owner = field == "serviceAccountKey" ? "google" : "microsoft365"
        let message = (reply.json["error"] as? [String: Any])?["message"] as? String
        #expect(message == "`\(field)` is a field of \(owner) integrations, not of exchange ones.")
    }

    @Test func patchRotatesThePasswordAndChangesTheConnectionButNeverTheType() async throws {
        let h = try harness()
        var body = Self.exchangeBody
        body["caFile"] = "/etc/calsync/old-ca.pem"
        let id = try #require(await h.send(.post, "/v1/integrations", json: body).json["id"] as? String)
        let patch: [String: Any] = [
            "password": "Rotated-Password-2027!", "ewsURL": "https://ex2019.contoso.com/ews/exchange.asmx",
            "username": "svc-calsync@contoso.com", "authScheme": "basic", "caFile": NSNull(),
            "serverVersion": "Exchange2016", "inFlightLimit": 6, "type": "exchange",
        ]
        let patched = await h.send(.patch, "/v1/integrations/\(id)", json: patch)
        #expect(patched.status == 200, "\(text(patched))")
        #expect(patched.json["ewsURL"] as? String == "https://ex2019.contoso.com/ews/exchange.asmx")
        #expect(patched.json["username"] as? String == "svc-calsync@contoso.com")
        #expect(patched.json["authScheme"] as? String == "basic")
        #expect(patched.json["caFile"] is NSNull)
        #expect(patched.json["serverVersion"] as? String == "Exchange2016")
        #expect(patched.json["inFlightLimit"] as? Int == 6)
        #expect(!text(patched).contains("Rotated-Password-2027!"))
        let stored = try #require(try await h.store.integration(id: id)?.connection.exchange)
        #expect(stored.password.revealed == "Rotated-Password-2027!")

        for (key, value) in [("password", NSNull() as Any), ("ewsURL", "http://mail.contoso.com/EWS/Exchange.asmx")] {
            let refused = await h.send(.patch, "/v1/integrations/\(id)", json: [key: value])
            #expect(refused.status == 422)
            #expect(refused.errorField == key)
        }
        let other = await h.send(.patch, "/v1/integrations/\(id)", json: ["clientSecret": "x"])
        #expect(other.errorCode == "unknown_field")
        let type = await h.send(.patch, "/v1/integrations/\(id)", json: ["type": "microsoft365"])
        #expect(type.errorField == "type")
        #expect(try await h.store.integration(id: id)?.connection.exchange == stored)
    }
}
