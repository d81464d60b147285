import CalSyncCrypto
import CalSyncHTTP
import Foundation

// MARK: - POST /token: the JWT bearer grant for service accounts (RFC 7523; docs/google.md, "Access tokens")

extension GoogleEmulator {
    static let jwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer"

    func handleToken(_ context: GoogleRequestContext) -> HTTPResponse {
        do throws(GoogleTokenError) {
            guard context.request.method == .post else { throw GoogleTokenError.invalidRequest("The token endpoint takes POST.") }
            let body = try issueToken(context)
            var headers = HTTPHeaders()
            headers["Content-Type"] = "application/json; charset=utf-8"
            headers["Cache-Control"] = "no-cache, no-store, max-age=0, must-revalidate"
            headers["Pragma"] = "no-cache"
            return HTTPResponse(status: 200, headers: headers, body: body.data)
        } catch {
            withState { $0.stats.tokenRequestsRefused += 1 }
            return error.response
        }
    }

    /// Checks the grant in the order Google's answers suggest: the form, the signature (with the issuer's public
    /// keys), the audience, the times, the scopes, then the subject and the delegation granted to the client id.
    private func issueToken(_ context: GoogleRequestContext) throws(GoogleTokenError) -> JSONValue {
        let form = HTTPRequest.parseQuery(String(decoding: context.request.body, as: UTF8.self))
        func field(_ name: String) -> String? { form.first { $0.name == name }?.value }
        guard let grant = field("grant_type"), !grant.isEmpty else {
            throw GoogleTokenError.invalidRequest("Missing required parameter: grant_type")
        }
        guard grant == Self.jwtBearerGrant else { throw GoogleTokenError.unsupportedGrant(grant) }
        guard let assertion = field("assertion"), !assertion.isEmpty else {
            throw GoogleTokenError.invalidRequest("Missing required parameter: assertion")
        }
        guard let jws = CompactJWS(assertion), let header = try? JSONValue.parse(Data(jws.header)),
            let claims = (try? JSONValue.parse(Data(jws.payload)))?.objectValue
        else { throw GoogleTokenError.invalidRequest("Invalid JWT: the assertion is not a signed JWT.") }
        guard header["alg"]?.stringValue == "RS256" else { throw GoogleTokenError.badSignature }
        guard let issuer = claims["iss"]?.stringValue, let entry = accounts[issuer.lowercased()] else {
            throw GoogleTokenError.unknownIssuer
        }
        let keyId = header["kid"]?.stringValue
        let candidates = entry.keys.filter { keyId == nil || $0.keyId == keyId }
        guard candidates.contains(where: { jws.verifiesRS256(with: $0.key) }) else { throw GoogleTokenError.badSignature }

        guard let audience = claims["aud"]?.stringValue else { throw GoogleTokenError.badAudience("nothing") }
        guard configuration.acceptedAudiences.contains(audience) || audience == context.origin + "/token" else {
            throw GoogleTokenError.badAudience(audience)
        }
        try checkTimes(claims, now: context.now)
        let scopes = Set((claims["scope"]?.stringValue ?? "").split(separator: " ").map(String.init))
        guard !scopes.isEmpty else { throw GoogleTokenError.missingScope }

        let account = entry.account
        var subject: String?
        if let sub = claims["sub"] {
            guard let text = sub.stringValue, Self.looksLikeEmail(text) else {
                throw GoogleTokenError.badSubject(sub.stringValue ?? sub.serialized)
            }
            subject = text
        }
        let now = context.now
        return try withState { state throws(GoogleTokenError) -> JSONValue in
            var person = account.clientEmail.lowercased()
            if let subject {
                // Delegation first: an ungranted client id or scope fails whoever the subject is (OBS).
                guard scopes.isSubset(of: state.delegation[account.clientId] ?? []) else {
                    throw GoogleTokenError.unauthorizedClient
                }
                let user = configuration.aliasAsSubject ? state.user(anyAddress: subject) : state.user(primary: subject)
                guard let user, user.suspended != true else { throw GoogleTokenError.unknownSubject }
                person = user.primaryEmail.lowercased()
            }
            let lifetime = state.faults.accessTokenLifetimeSeconds ?? configuration.accessTokenLifetimeSeconds
            let token = state.newToken(prefix: "ya29.c.", length: 96)
            state.accessTokens[token] = GoogleAccessToken(
                clientId: account.clientId, clientEmail: account.clientEmail.lowercased(),
                subject: subject == nil ? nil : person, scopes: scopes, expiresAt: now.addingTimeInterval(Double(lifetime)))
            state.stats.tokensIssued += 1
            state.stats.update(person) { $0.tokensIssued += 1 }
            var answer: [String: JSONValue] = [
                "access_token": .string(token), "expires_in": .number(Double(lifetime)), "token_type": "Bearer",
            ]
            if configuration.tokenResponseIncludesScope { answer["scope"] = .string(scopes.sorted().joined(separator: " ")) }
            return .object(answer)
        }
    }

    /// `iat` and `exp`: numbers, `exp` after `iat` by at most the allowed lifetime, both within the clock skew of now.
    private func checkTimes(_ claims: [String: JSONValue], now: Date) throws(GoogleTokenError) {
        guard let issuedAt = claims["iat"]?.numberValue, let expiry = claims["exp"]?.numberValue else {
            throw GoogleTokenError.badTimes
        }
        let current = now.timeIntervalSince1970
        let skew = Double(configuration.clockSkewSeconds)
        guard expiry > issuedAt, expiry - issuedAt <= Double(configuration.maximumAssertionLifetimeSeconds),
            issuedAt <= current + skew, expiry >= current - skew
        else { throw GoogleTokenError.badTimes }
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }
}
