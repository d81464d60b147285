import CalSyncCore
import CalSyncHTTP
import Foundation

/// Client-credentials access tokens for one integration (docs/microsoft-365.md §1).
///
/// - Cached, and refreshed once 80% of `expires_in` has elapsed on the injected `WallClock`.
/// - `invalidate()` drops the cache after Graph answered 401, so the next caller fetches anew.
/// - Single flight: concurrent callers share one in-flight token request (actor state guards it).
/// - If an early refresh fails for a transient reason while the cached token is still valid, the
///   cached token keeps being served; credential errors are always thrown.
/// - The secret and the tokens never appear in an error or a description.
public actor TokenProvider {
    /// The scope for app-only Graph access: the resource's App ID URI plus `/.default`.
    public static let graphScope = "https://graph.microsoft.com/.default"

    private let tokenURL: String
    private let clientId: String
    private let clientSecret: Secret
    private let transport: any HTTPTransport
    private let clock: any WallClock

    private var cached: AccessToken?
    /// The token request under way, if any. Only its own caller clears it, so at most one runs.
    private var inFlight: Task<AccessToken, any Error>?
    /// Token requests actually sent (for diagnostics and tests).
    public private(set) var requestCount = 0

    public init(
        endpoint: GraphEndpoint, tenantId: String, clientId: String, clientSecret: Secret,
        transport: any HTTPTransport, clock: any WallClock = SystemWallClock()
    ) {
        self.tokenURL = endpoint.tokenURL(tenantId: tenantId)
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.transport = transport
        self.clock = clock
    }

    /// A token fit for use now: the cached one while fresh, otherwise a new one (shared flight).
    public func token() async throws -> AccessToken {
        if let cached, cached.isFresh(at: clock.now()) { return cached }
        if let inFlight { return try await inFlight.value }

        requestCount += 1
        let request = makeRequest()
        let transport = self.transport
        let clock = self.clock
        let scrub = scrubValues
        // Unstructured on purpose: a caller's cancellation must not fail the others sharing the flight.
        let task = Task<AccessToken, any Error> {
            try await Self.fetch(request, transport: transport, clock: clock, scrub: scrub)
        }
        inFlight = task
        do {
            let token = try await task.value
            cached = token
            inFlight = nil
            return token
        } catch {
            inFlight = nil
            if let cached, cached.isUsable(at: clock.now()), let failure = error as? CalendarError,
                failure.kind == .transient || failure.kind == .throttled
            {
                return cached
            }
            throw error
        }
    }

    /// Drops the cached token (after a 401), so the next `token()` requests a new one.
    public func invalidate() {
        cached = nil
    }

    /// Drops the cached token only if it is the one Graph rejected; a token another caller already
    /// refreshed is kept, so a burst of 401s costs one token request, not one each.
    public func invalidate(rejected: AccessToken) {
        if cached == rejected { cached = nil }
    }

    // MARK: - The token request

    private var scrubValues: [String] {
        [clientSecret.revealed, GraphPercentEncoding.queryValue(clientSecret.revealed)]
    }

    private func makeRequest() -> HTTPClientRequest {
        let form = GraphPercentEncoding.formBody([
            ("client_id", clientId),
            ("scope", Self.graphScope),
            ("client_secret", clientSecret.revealed),
            ("grant_type", "client_credentials"),
        ])
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/x-www-form-urlencoded")
        headers.add("Accept", "application/json")
        headers.add("client-request-id", UUID().uuidString.lowercased())
        // The URL was built from a validated endpoint and a strictly encoded tenant segment.
        let url = URL(string: tokenURL) ?? URL(string: "https://invalid.invalid")!
        return HTTPClientRequest(method: .post, url: url, headers: headers, body: Data(form.utf8))
    }

    private static func fetch(
        _ request: HTTPClientRequest, transport: any HTTPTransport, clock: any WallClock,
        scrub: [String]
    ) async throws -> AccessToken {
        let sentAt = clock.now()
        let response: HTTPClientResponse
        do {
            response = try await transport.send(request)
        } catch let error as HTTPTransportError {
            let mapped = GraphErrorMapper.map(transportError: error)
            throw CalendarError(mapped.kind, message: "token request failed: " + TokenErrorMapper.scrubbed(mapped.message, scrub))
        }
        guard response.status == 200 else {
            throw TokenErrorMapper.map(
                status: response.status, headers: response.headers, body: response.body, now: clock.now(), scrub: scrub)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any],
            let value = object["access_token"] as? String, !value.isEmpty
        else {
            throw CalendarError(
                .credentialsRejected, httpStatus: 200, providerCode: "invalid_token_response",
                message: "The token endpoint answered 200 without an access_token; is authorityHost the login endpoint?")
        }
        return AccessToken(value: Secret(value), obtainedAt: sentAt, expiresIn: expiresIn(object["expires_in"]))
    }

    /// `expires_in` as a number or numeric string (older endpoints send strings). When absent, assume
    /// the shortest documented lifetime (60 minutes) so the refresh happens early rather than late.
    static func expiresIn(_ raw: Any?) -> Double {
        if let number = raw as? NSNumber { return max(0, number.doubleValue) }
        if let text = raw as? String, let number = Double(text), number.isFinite { return max(0, number) }
        return 3600
    }
}
