import CalSyncCore
import CalSyncHTTP
import Foundation

/// Access tokens of one service account, one per person (docs/google.md, "Access tokens"): a JWT grant signed with
/// the key and `sub` = the person, cached per subject and scope set until shortly before `expires_in` runs out.
///
/// - Single flight per subject: concurrent callers for one person share one token request.
/// - `invalidate(rejected:)` drops a token Google answered 401 to (only that one).
/// - Refused grants become `CalendarError`s that name the fix (`GoogleTokenErrorMapper`); no token or key material
///   ever reaches an error or a description.
public actor GoogleTokenProvider {
    struct CacheKey: Hashable {
        var subject: String?
        var scopes: [String]
    }

    private let key: GoogleServiceAccountKey
    private let tokenURL: URL
    private let transport: any HTTPTransport
    private let clock: any WallClock
    private var cached: [CacheKey: GoogleAccessToken] = [:]
    private var inFlight: [CacheKey: Task<GoogleAccessToken, any Error>] = [:]
    /// Grants sent (each one an RS256 signature), for statistics and tests.
    public private(set) var grantCount = 0

    public init(
        key: GoogleServiceAccountKey, endpoints: GoogleEndpoints, transport: any HTTPTransport,
        clock: any WallClock = SystemWallClock()
    ) throws(CalendarError) {
        guard let url = URL(string: endpoints.tokenURL) else {
            throw CalendarError(.configuration, providerCode: "invalid_token_uri", message: "The token URL is not a URL.")
        }
        self.key = key
        self.tokenURL = url
        self.transport = transport
        self.clock = clock
    }

    /// A token for `subject` (nil: the service account itself) with exactly `scopes`.
    public func token(for subject: String?, scopes: [String]) async throws -> GoogleAccessToken {
        let cacheKey = CacheKey(subject: subject?.lowercased(), scopes: scopes.sorted())
        if let token = cached[cacheKey], token.isFresh(at: clock.now()) { return token }
        if let flight = inFlight[cacheKey] { return try await flight.value }
        grantCount += 1
        let (key, url, transport, clock) = (self.key, self.tokenURL, self.transport, self.clock)
        // Unstructured on purpose: one caller's cancellation must not fail the others sharing the flight.
        let task = Task<GoogleAccessToken, any Error> {
            try await Self.fetch(
                key: key, url: url, subject: subject, scopes: cacheKey.scopes, transport: transport,
                clock: clock)
        }
        inFlight[cacheKey] = task
        defer { inFlight[cacheKey] = nil }
        let token = try await task.value
        cached[cacheKey] = token
        return token
    }

    /// Drops `rejected` (Google answered 401 with it) so the next call signs a new grant; a token another caller
    /// already replaced is kept.
    public func invalidate(rejected: GoogleAccessToken, subject: String?, scopes: [String]) {
        let cacheKey = CacheKey(subject: subject?.lowercased(), scopes: scopes.sorted())
        if cached[cacheKey] == rejected { cached[cacheKey] = nil }
    }

    private static func fetch(
        key: GoogleServiceAccountKey, url: URL, subject: String?, scopes: [String],
        transport: any HTTPTransport, clock: any WallClock
    ) async throws -> GoogleAccessToken {
        let sentAt = clock.now()
        let assertion = try GoogleJWTGrant.assertion(key: key, subject: subject, scopes: scopes, now: sentAt)
        var headers = HTTPHeaders()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Accept"] = "application/json"
        let request = HTTPClientRequest(
            method: .post, url: url, headers: headers,
            body: GoogleJWTGrant.formBody(assertion: assertion))
        let response: HTTPClientResponse
        do {
            response = try await transport.send(request)
        } catch let error as HTTPTransportError {
            throw CalendarError(
                .transient, providerCode: error.kind.rawValue,
                message: "The Google token endpoint could not be reached (\(error.kind.rawValue)).")
        }
        guard response.status == 200 else {
            throw GoogleTokenErrorMapper.map(
                status: response.status, body: response.body, subject: subject,
                clientId: key.clientId, scopes: scopes)
        }
        let object = (try? JSONValue.parse(response.body)) ?? .null
        guard let value = object["access_token"]?.stringValue, !value.isEmpty else {
            throw CalendarError(
                .credentialsRejected, httpStatus: 200, providerCode: "invalid_token_response",
                message: "The token endpoint answered without an access_token; is the token URL Google's?")
        }
        // `expires_in` as a number or a numeric string; never assume 3600 (absent: a conservative ten minutes).
        let expiresIn = object["expires_in"]?.numberValue ?? object["expires_in"]?.stringValue.flatMap(Double.init) ?? 600
        return GoogleAccessToken(value: Secret(value), obtainedAt: sentAt, expiresIn: max(0, expiresIn))
    }
}
