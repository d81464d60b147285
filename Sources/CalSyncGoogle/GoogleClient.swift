import CalSyncCore
import CalSyncHTTP
import CalSyncProviderKit
import Foundation

/// Sends Calendar and Directory calls as one person (docs/google.md, "Using the token", "Errors", "Quotas"): the
/// person's bearer token, one token refresh after a 401, retries of rate limits, 5xx and lost connections with
/// Google's back-off (`GoogleRetryPolicy`), and every other answer mapped to a `CalendarError` that keeps Google's
/// reason. Writes are safe to resend: inserts carry a client-chosen id (a repeat answers 409 `duplicate`), patches
/// and deletes are idempotent.
public struct GoogleClient: Sendable {
    public let endpoints: GoogleEndpoints
    public let tokens: GoogleTokenProvider
    let transport: any HTTPTransport
    let retry: GoogleRetryPolicy
    /// Seconds one request may take.
    let timeout: Double
    /// For a `Retry-After` given as a date.
    let clock: any WallClock

    public init(
        endpoints: GoogleEndpoints, tokens: GoogleTokenProvider, transport: any HTTPTransport,
        retry: GoogleRetryPolicy = GoogleRetryPolicy(), timeout: Double = 30, clock: any WallClock = SystemWallClock()
    ) {
        self.clock = clock
        self.endpoints = endpoints
        self.tokens = tokens
        self.transport = transport
        self.retry = retry
        self.timeout = timeout
    }

    /// Sends the call and returns the JSON of a 2xx answer (`.null` for an empty body).
    /// - Throws: `CalendarError` for every other outcome, after the retries the policy allows.
    public func send(
        _ method: HTTPMethod, _ url: URL, as subject: String?, scopes: [String],
        body: JSONValue? = nil
    ) async throws -> JSONValue {
        var retries = 0
        var waited = 0.0
        var refreshed = false
        while true {
            let failure: CalendarError
            do {
                let token = try await tokens.token(for: subject, scopes: scopes)
                let response = try await attempt(method, url, token: token, body: body)
                response.onRead?()
                if (200..<300).contains(response.status) {
                    return response.body.isEmpty ? .null : ((try? JSONValue.parse(response.body)) ?? .null)
                }
                if response.status == 401 && !refreshed {
                    refreshed = true
                    await tokens.invalidate(rejected: token, subject: subject, scopes: scopes)
                    continue
                }
                failure = GoogleErrorMapper.map(
                    status: response.status, body: response.body,
                    retryAfter: response.headers["Retry-After"].flatMap { RetryAfter.seconds(from: $0, now: clock.now()) })
            } catch let error as CalendarError {
                failure = error
            }
            guard Self.isRetryable(failure) else { throw failure }
            let delay = retry.delay(retry: retries, retryAfter: failure.retryAfter)
            guard retries < retry.maxRetries, waited + delay <= retry.waitBudget else {
                throw Self.givingUp(failure, nextDelay: delay)
            }
            try await retry.sleeper.sleep(seconds: delay)
            retries += 1
            waited += delay
        }
    }

    /// A rate limit the retries did not outlast goes to the engine with the next back-off as the wait to keep (when
    /// Google named none).
    static func givingUp(_ failure: CalendarError, nextDelay: Double) -> CalendarError {
        guard failure.kind == .throttled, failure.retryAfter == nil else { return failure }
        var error = failure
        error.retryAfter = nextDelay
        return error
    }

    /// Rate limits (not `quotaExceeded`), 5xx and transport failures.
    static func isRetryable(_ error: CalendarError) -> Bool {
        switch error.kind {
        case .throttled: return error.providerCode != "quotaExceeded"
        case .transient: return error.httpStatus.map { $0 >= 500 } ?? true
        default: return false
        }
    }

    private func attempt(_ method: HTTPMethod, _ url: URL, token: GoogleAccessToken, body: JSONValue?) async throws
        -> HTTPClientResponse
    {
        var headers = HTTPHeaders()
        headers["Authorization"] = "Bearer " + token.value.revealed
        headers["Accept"] = "application/json"
        if body != nil { headers["Content-Type"] = "application/json" }
        let request = HTTPClientRequest(method: method, url: url, headers: headers, body: body?.data, timeout: timeout)
        do {
            return try await transport.send(request)
        } catch let error as HTTPTransportError {
            throw GoogleErrorMapper.map(transportError: error)
        }
    }
}
