import CalSyncCore
import CalSyncCrypto
import CalSyncHTTP
import CalSyncTesting
import Foundation
import GoogleEmulator
import Testing

/// One Google emulator loaded from the fabrikam tenant file, the test service-account key, and request helpers.
struct GoogleHarness {
    static let tenantPath = Fixtures.path("tenants/google-fabrikam.json")
    static let keyFile = Fixtures.url("google/test-service-account.json")

    static let ada = "ada@fabrikam.example"
    static let grace = "grace@fabrikam.example"
    static let linus = "linus@fabrikam.example"
    static let margaret = "margaret@fabrikam.example"
    static let clientId = "104217380923465120001"
    static let clientEmail = "calsync-sync@fabrikam-emulator.iam.gserviceaccount.com"
    static let keyId = "61cbd001c702cc3432d8a214a56560d256ee2738"
    static let calendarScope = "https://www.googleapis.com/auth/calendar"
    static let directoryScope = "https://www.googleapis.com/auth/admin.directory.user.readonly"
    static let googleAudience = "https://oauth2.googleapis.com/token"
    static let jwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer"
    /// A Monday: 09:00 in Zurich.
    static let start = "2026-03-02T08:00:00Z"

    let emulator: GoogleEmulator
    let clock: ManualClock

    init(configuration: GoogleEmulatorConfiguration = .init(), now: String = GoogleHarness.start) throws {
        clock = ManualClock(Timestamp.parse(now)!)
        emulator = GoogleEmulator(
            tenant: try GoogleTenant(contentsOf: Self.tenantPath), configuration: configuration, clock: clock)
        #expect(emulator.tenantIssues == [])
    }

    static func privateKey() throws -> PrivateKey {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: keyFile)) as? [String: Any]
        return try PrivateKey(pem: try #require(object?["private_key"] as? String))
    }

    /// A token for `subject` with the calendar scope (or `scopes`), issued through the side door.
    func token(_ subject: String? = GoogleHarness.ada, scopes: Set<String> = [GoogleHarness.calendarScope]) throws -> String {
        try emulator.issueAccessToken(subject: subject, scopes: scopes)
    }

    struct Reply {
        let response: HTTPResponse
        var status: Int { response.status }
        var json: JSONValue { (try? JSONValue.parse(response.body)) ?? .null }
        var items: [JSONValue] { json["items"]?.arrayValue ?? [] }
        var reason: String? { json["error"]?["errors"]?.arrayValue?.first?["reason"]?.stringValue }
        var message: String? { json["error"]?["message"]?.stringValue }
        var text: String { String(decoding: response.body, as: UTF8.self) }
        func header(_ name: String) -> String? { response.headers[name] }
    }

    /// Sends a request as Google's client would (JSON body, bearer token unless `token` is nil).
    func send(
        _ method: HTTPMethod, _ target: String, body: String? = nil, token: String?, headers: [String: String] = [:]
    ) async -> Reply {
        var h = HTTPHeaders()
        h["Host"] = "127.0.0.1:8092"
        if let token { h["Authorization"] = "Bearer \(token)" }
        if body != nil { h["Content-Type"] = "application/json" }
        for (name, value) in headers { h[name] = value }
        let response = await emulator.respond(
            to: HTTPRequest(method: method, target: target, headers: h, body: Data((body ?? "").utf8)))
        response.onDelivered?()
        return Reply(response: response)
    }

    func get(_ target: String, as subject: String = GoogleHarness.ada) async throws -> Reply {
        await send(.get, target, token: try token(subject))
    }

    // MARK: - The JWT bearer grant

    /// Claims as google-auth builds them, with `overrides` applied (`.null` removes a claim).
    func claims(_ overrides: [String: JSONValue] = [:]) -> JSONValue {
        let now = Int(clock.now().timeIntervalSince1970)
        var claims: [String: JSONValue] = [
            "iat": .number(Double(now)), "exp": .number(Double(now + 3600)), "iss": .string(Self.clientEmail),
            "aud": .string(Self.googleAudience), "scope": .string(Self.calendarScope), "sub": .string(Self.ada),
        ]
        for (key, value) in overrides {
            if value.isNull { claims.removeValue(forKey: key) } else { claims[key] = value }
        }
        return .object(claims)
    }

    func assertion(_ claims: JSONValue, header: JSONValue? = nil) throws -> String {
        let header = header ?? ["alg": "RS256", "typ": "JWT", "kid": .string(Self.keyId)]
        return try CompactJWS.signRS256(
            header: Array(header.serialized.utf8), payload: Array(claims.serialized.utf8), key: Self.privateKey())
    }

    /// `POST /token` with the JWT bearer grant, as google-auth sends it (a form with two fields).
    func requestToken(_ assertion: String, grantType: String = GoogleHarness.jwtBearer) async -> Reply {
        let form = "grant_type=\(grantType.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&assertion=\(assertion)"
        var headers = HTTPHeaders()
        headers["Host"] = "127.0.0.1:8092"
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        let response = await emulator.respond(
            to: HTTPRequest(method: .post, target: "/token", headers: headers, body: Data(form.utf8)))
        return Reply(response: response)
    }
}

extension GoogleHarness {
    static let events = "/calendar/v3/calendars/primary/events"

    /// `path?name=value&…`, values percent-encoded as Google's client does.
    static func url(_ path: String, _ query: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = query.map { $0.0 + "=" + $0.1.addingPercentEncoding(withAllowedCharacters: allowed)! }
        return encoded.isEmpty ? path : path + "?" + encoded.joined(separator: "&")
    }

    /// A fixture from fixtures/google, parsed.
    static func fixture(_ name: String) throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: Fixtures.url("google/\(name)")))
    }

    /// Every item of a list, following `nextPageToken`s; the final `nextSyncToken` and the number of pages.
    func listAll(_ query: [(String, String)], token: String, pageToken first: String? = nil) async
        -> (items: [JSONValue], syncToken: String?, pages: Int)
    {
        var items: [JSONValue] = []
        var pages = 0
        var pageToken = first
        while pages < 200 {
            let reply = await send(
                .get, Self.url(Self.events, query + (pageToken.map { [("pageToken", $0)] } ?? [])), token: token)
            pages += 1
            items += reply.items
            if let next = reply.json["nextPageToken"]?.stringValue {
                #expect(reply.json["nextSyncToken"] == nil)
                pageToken = next
                continue
            }
            return (items, reply.json["nextSyncToken"]?.stringValue, pages)
        }
        return (items, nil, pages)
    }
}
