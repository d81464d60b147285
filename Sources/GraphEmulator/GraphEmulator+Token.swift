import CalSyncHTTP
import Foundation

// MARK: - POST /{tenant}/oauth2/v2.0/token (client credentials, docs/microsoft-365.md §1)

extension GraphEmulator {
    static let graphScopes: Set<String> = [
        "https://graph.microsoft.com/.default", "00000003-0000-0000-c000-000000000000/.default",
    ]

    func handleToken(_ tenantName: String, _ context: RequestContext) -> HTTPResponse {
        let (traceId, defaultCorrelation) = state.withLock { ($0.rng.uuidString(), $0.rng.uuidString()) }
        let correlationId = context.request.headers["client-request-id"] ?? defaultCorrelation
        guard context.request.method == .post else {
            return TokenError(
                status: 405, error: "invalid_request", code: 900561,
                message: "The endpoint only accepts POST requests. Received a \(context.request.method.rawValue) request."
            ).response(now: context.now, traceId: traceId, correlationId: correlationId)
        }
        do {
            let token = try issueToken(tenantName, context)
            var headers = HTTPHeaders()
            headers["Content-Type"] = "application/json; charset=utf-8"
            headers["Cache-Control"] = "no-store, no-cache"
            headers["x-ms-request-id"] = traceId
            return HTTPResponse(status: 200, headers: headers, body: token.data)
        } catch let error as TokenError {
            return error.response(now: context.now, traceId: traceId, correlationId: correlationId)
        } catch {
            return TokenError(status: 500, error: "temporarily_unavailable", code: 90033, message: "\(error)")
                .response(now: context.now, traceId: traceId, correlationId: correlationId)
        }
    }

    private func issueToken(_ tenantName: String, _ context: RequestContext) throws -> EmulatorJSON {
        let lowered = tenantName.lowercased()
        guard lowered == tenant.tenantId.lowercased() || lowered == tenant.domain.lowercased() else {
            let looksValid = UUID(uuidString: tenantName) != nil || tenantName.contains(".")
            throw looksValid ? TokenError.tenantNotFound(tenantName) : TokenError.malformedTenant(tenantName)
        }
        let form = HTTPRequest.parseQuery(String(decoding: context.request.body, as: UTF8.self))
        func field(_ name: String) -> String? { form.first { $0.name == name }?.value }
        let basic = Self.basicCredentials(context.request.headers["Authorization"])

        guard let grant = field("grant_type"), !grant.isEmpty else { throw TokenError.missingParameter("grant_type") }
        guard grant == "client_credentials" else { throw TokenError.unsupportedGrant(grant) }
        guard let clientId = field("client_id") ?? basic?.clientId, !clientId.isEmpty else {
            throw TokenError.missingParameter("client_id")
        }
        guard let app = tenant.apps.first(where: { $0.clientId.lowercased() == clientId.lowercased() }) else {
            throw TokenError.unknownClient(clientId, tenant: tenant.tenantId)
        }
        guard let secret = field("client_secret") ?? basic?.secret, !secret.isEmpty else { throw TokenError.missingSecret() }
        guard secret == app.clientSecret else {
            throw TokenError.wrongSecret(app.clientId, status: configuration.wrongSecretStatus)
        }
        guard let scope = field("scope"), !scope.isEmpty else { throw TokenError.missingParameter("scope") }
        let scopes = scope.split(separator: " ").map(String.init)
        guard scopes.count == 1, Self.graphScopes.contains(scopes[0].lowercased()) else {
            throw TokenError.invalidScope(scope)
        }

        let now = context.now
        let (token, lifetime) = state.withLock { state -> (String, Int) in
            let jitter = configuration.accessTokenLifetimeJitterSeconds
            // A lifetime set at run time (EmulatorFaults) is exact: "tokens expire every N s".
            let lifetime =
                state.faults.accessTokenLifetimeSeconds
                ?? configuration.accessTokenLifetimeSeconds + (jitter > 0 ? Int(state.rng.next() % UInt64(jitter + 1)) : 0)
            let token = Self.jwtShaped(app: app, tenantId: tenant.tenantId, now: now, lifetime: lifetime, state: &state)
            state.accessTokens[token] = AccessTokenRecord(
                clientId: app.clientId, roles: Set(app.roles), expiresAt: now.addingTimeInterval(Double(lifetime)))
            return (token, lifetime)
        }
        return [
            "token_type": "Bearer",
            "expires_in": .number(Double(lifetime)),
            "ext_expires_in": .number(Double(lifetime)),
            "access_token": .string(token),
        ]
    }

    /// A JWT-looking token (header.payload.signature). Clients must treat it as opaque; the claims are
    /// there for humans reading logs. The signature is random, so it cannot be validated.
    static func jwtShaped(
        app: EmulatorTenant.App, tenantId: String, now: Date, lifetime: Int, state: inout EmulatorState
    ) -> String {
        let header: EmulatorJSON = ["typ": "JWT", "alg": "RS256", "kid": "emulator"]
        let issuedAt = Double(Int(now.timeIntervalSince1970))
        var claims: [String: EmulatorJSON] = [
            "aud": "https://graph.microsoft.com",
            "iss": .string("https://sts.windows.net/\(tenantId)/"),
            "iat": .number(issuedAt), "nbf": .number(issuedAt), "exp": .number(issuedAt + Double(lifetime)),
            "appid": .string(app.clientId), "tid": .string(tenantId), "idtyp": "app",
            "uti": .string(state.newToken(bytes: 12)),
        ]
        if !app.roles.isEmpty { claims["roles"] = .array(app.roles.map { .string($0) }) }
        return Base64URL.encode(header.serialized) + "." + Base64URL.encode(EmulatorJSON.object(claims).serialized) + "."
            + state.newToken(bytes: 64)
    }

    /// RFC 6749 §2.3.1: `Authorization: Basic base64(urlencode(id):urlencode(secret))`.
    static func basicCredentials(_ header: String?) -> (clientId: String, secret: String)? {
        guard let header, header.lowercased().hasPrefix("basic ") else { return nil }
        guard let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        let id = String(text[..<colon]).removingPercentEncoding ?? String(text[..<colon])
        let secret = String(text[text.index(after: colon)...])
        return (id, secret.removingPercentEncoding ?? secret)
    }

    // MARK: - Bearer tokens on Graph routes

    func authenticate(_ context: RequestContext) throws(GraphError) -> AccessTokenRecord {
        guard let header = context.request.headers["Authorization"], header.lowercased().hasPrefix("bearer "),
            !header.dropFirst(7).trimmingCharacters(in: .whitespaces).isEmpty
        else { throw GraphError.unauthenticated("Access token is empty.") }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        guard let record = state.withLock({ $0.accessTokens[token] }) else {
            throw GraphError.unauthenticated(
                token.contains(".")
                    ? "Access token validation failure. Invalid audience."
                    : "IDX14100: JWT is not well formed, there are no dots (.).")
        }
        guard context.now < record.expiresAt else {
            throw GraphError.unauthenticated("Lifetime validation failed, the token is expired.")
        }
        return record
    }
}
