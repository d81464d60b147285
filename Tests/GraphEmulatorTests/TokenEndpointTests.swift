import CalSyncHTTP
import Foundation
import GraphEmulator
import Testing

@Suite struct TokenEndpointTests {
    static let scope = "https%3A%2F%2Fgraph.microsoft.com%2F.default"

    func token(
        _ h: EmulatorHarness, tenant: String = EmulatorHarness.tenantId, form: String, basic: String? = nil
    ) async -> EmulatorHarness.Reply {
        var headers: [String: String] = ["Content-Type": "application/x-www-form-urlencoded", "client-request-id": "corr-1"]
        if let basic { headers["Authorization"] = "Basic " + Data(basic.utf8).base64EncodedString() }
        var hh = HTTPHeaders()
        for (k, v) in headers { hh[k] = v }
        let request = HTTPRequest(method: .post, target: "/\(tenant)/oauth2/v2.0/token", headers: hh, body: Data(form.utf8))
        return EmulatorHarness.Reply(response: await h.emulator.respond(to: request))
    }

    var goodForm: String {
        "client_id=\(EmulatorHarness.appId)&scope=\(Self.scope)&client_secret=\(EmulatorHarness.encode(EmulatorHarness.appSecret))&grant_type=client_credentials"
    }

    @Test func issuesABearerTokenThatGraphAccepts() async throws {
        let h = try EmulatorHarness()
        let reply = await token(h, form: goodForm)
        #expect(reply.status == 200)
        #expect(reply.json["token_type"] == "Bearer")
        #expect(reply.json["expires_in"] == 3599)
        #expect(reply.json["ext_expires_in"] == 3599)
        let access = try #require(reply.json["access_token"]?.stringValue)
        #expect(access.split(separator: ".").count == 3)
        let users = await h.send(.get, "/v1.0/users", headers: ["Authorization": "Bearer \(access)"])
        #expect(users.status == 200)
    }

    @Test func acceptsTheDomainAndHTTPBasicClientAuthentication() async throws {
        let h = try EmulatorHarness()
        let form = "scope=\(Self.scope)&grant_type=client_credentials"
        let reply = await token(
            h, tenant: "contoso.example", form: form,
            basic: "\(EmulatorHarness.appId):\(EmulatorHarness.encode(EmulatorHarness.appSecret))")
        #expect(reply.status == 200)
    }

    func expectError(_ reply: EmulatorHarness.Reply, status: Int, error: String, code: Int) {
        #expect(reply.status == status)
        #expect(reply.json["error"]?.stringValue == error)
        #expect(reply.json["error_codes"] == .array([.number(Double(code))]))
        let description = reply.json["error_description"]?.stringValue ?? ""
        #expect(description.hasPrefix("AADSTS\(code): "))
        #expect(description.contains("\r\nTrace ID: "))
        #expect(description.contains("\r\nCorrelation ID: corr-1\r\nTimestamp: "))
        #expect(reply.json["trace_id"]?.stringValue != nil)
        #expect(reply.json["correlation_id"] == "corr-1")
        #expect(reply.json["timestamp"]?.stringValue?.hasSuffix("Z") == true)
        #expect(reply.json["error_uri"]?.stringValue == "https://login.microsoftonline.com/error?code=\(code)")
    }

    @Test func unknownTenant() async throws {
        let h = try EmulatorHarness()
        expectError(
            await token(h, tenant: "fabrikam.example", form: goodForm), status: 400, error: "invalid_request", code: 90002)
        expectError(await token(h, tenant: "not_a_tenant", form: goodForm), status: 400, error: "invalid_request", code: 900023)
    }

    @Test func unknownClient() async throws {
        let h = try EmulatorHarness()
        let form = goodForm.replacingOccurrences(of: EmulatorHarness.appId, with: "00000000-0000-0000-0000-000000000000")
        expectError(await token(h, form: form), status: 400, error: "unauthorized_client", code: 700016)
    }

    @Test func wrongSecretIs401ByDefaultAnd400WhenConfigured() async throws {
        let form = goodForm.replacingOccurrences(of: EmulatorHarness.encode(EmulatorHarness.appSecret), with: "wrong")
        expectError(await token(try EmulatorHarness(), form: form), status: 401, error: "invalid_client", code: 7_000_215)
        var configuration = EmulatorConfiguration()
        configuration.wrongSecretStatus = 400
        expectError(
            await token(try EmulatorHarness(configuration: configuration), form: form),
            status: 400, error: "invalid_client", code: 7_000_215)
    }

    @Test func missingSecret() async throws {
        let h = try EmulatorHarness()
        let form = "client_id=\(EmulatorHarness.appId)&scope=\(Self.scope)&grant_type=client_credentials"
        expectError(await token(h, form: form), status: 400, error: "invalid_request", code: 7_000_218)
    }

    @Test func scopeMustBeGraphDefault() async throws {
        let h = try EmulatorHarness()
        for scope in [
            "https%3A%2F%2Fgraph.microsoft.com%2FCalendars.Read", "https%3A%2F%2Ffoo.microsoft.com%2F.default",
            Self.scope + "+https%3A%2F%2Fvault.azure.net%2F.default",
        ] {
            let form = goodForm.replacingOccurrences(of: Self.scope, with: scope)
            expectError(await token(h, form: form), status: 400, error: "invalid_scope", code: 70011)
        }
    }

    @Test func grantTypeMustBeClientCredentials() async throws {
        let h = try EmulatorHarness()
        let form = goodForm.replacingOccurrences(of: "client_credentials", with: "password")
        expectError(await token(h, form: form), status: 400, error: "unsupported_grant_type", code: 70003)
    }

    @Test func tokensCountInStats() async throws {
        let h = try EmulatorHarness()
        _ = await token(h, form: goodForm)
        _ = await token(h, tenant: "nope.example", form: goodForm)
        let stats = h.emulator.stats()
        #expect(stats.count(route: "POST /{tenant}/oauth2/v2.0/token", status: 200) == 1)
        #expect(stats.count(route: "POST /{tenant}/oauth2/v2.0/token", status: 400) == 1)
    }
}
