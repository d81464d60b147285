import CalSyncCore
import CalSyncHTTP
import CalSyncProviderKit
import Foundation

extension GraphClient {
    /// Sends one logical Graph request with the standard headers and a bearer token, through the
    /// mailbox gate, retrying as `retryPolicy` allows (see `GraphRetryPolicy`). On 401 it
    /// invalidates the token and retries once. Returns 2xx answers; throws every other outcome as
    /// a `CalendarError`:
    ///
    /// - `.throttled` with `retryAfter` when 429/503 persisted beyond the retries or the wait
    ///   budget, or with code `mailbox_deferred` when the mailbox was deferred for longer than the
    ///   budget (nothing sent);
    /// - `.transient` with code `outcome_unknown` for a POST that failed with a 5xx (not 503), a
    ///   504, a timeout or a reset: look the event up by its tag before creating it again;
    /// - otherwise what `GraphErrorMapper` made of the last answer or failure.
    ///
    /// A token request refused for the login service's own reasons (throttled, transient) is retried under the
    /// same policy; credential errors are thrown at once.
    func send(_ method: HTTPMethod, _ url: String, body: Data? = nil, maxPageSize: Int? = nil) async throws
        -> HTTPClientResponse
    {
        guard let target = URL(string: url) else {
            throw CalendarError(
                .invalidRequest, providerCode: "invalidURL", message: "not a valid Graph URL: \(GraphClient.originOf(url))")
        }
        let key = InFlightKey.forRequest(target, scope: gateScope)
        let policy = retryPolicy
        var retries = 0
        var waited = 0.0
        var refreshed = false
        while true {
            let token: AccessToken
            do {
                token = try await tokenProvider.token()
            } catch let failure as CalendarError where failure.kind == .throttled || failure.kind == .transient {
                // The login endpoint's own trouble (429/503 with Retry-After, 5xx, resets): nothing reached Graph,
                // so any method may wait and try again, within the same budget.
                let delay = failure.retryAfter ?? policy.backoff(retry: retries)
                guard retries < policy.maxRetries, waited + delay <= policy.waitBudget else {
                    var error = failure
                    if retries > 0 { error.message += Self.givingUp(retries: retries, waited: waited) }
                    throw error
                }
                retries += 1
                try await gate.sleeper.sleep(seconds: delay)
                waited += delay
                continue
            }
            let permit: InFlightPermit
            do {
                permit = try await gate.enter(key, maxWait: max(0, policy.waitBudget - waited))
            } catch let deferred as InFlightDeferred {
                throw Self.deferredError(deferred)
            }
            waited += permit.waited
            var readHook: (@Sendable () -> Void)?
            // Once this attempt is handled (its Retry-After applied to the gate), the answer counts as read.
            defer { readHook?() }
            let outcome: Result<HTTPClientResponse, HTTPTransportError>
            do {
                outcome = try await perform(method, target, key: key, body: body, maxPageSize: maxPageSize, token: token)
            } catch {
                permit.release()
                throw error
            }
            permit.release()

            let failure: CalendarError
            let rule: GraphRetryRule
            switch outcome {
            case .success(let response):
                readHook = response.onRead
                if (200..<300).contains(response.status) { return response }
                if response.status == 401, !refreshed {
                    // The token may have been revoked or expired early: fetch a new one and try once more.
                    refreshed = true
                    await tokenProvider.invalidate(rejected: token)
                    continue
                }
                failure = GraphErrorMapper.map(
                    status: response.status, headers: response.headers, body: response.body, now: clock.now())
                rule = response.status == 401 ? .fail : GraphRetryRule.forStatus(response.status, method: method)
            case .failure(let error):
                failure = GraphErrorMapper.map(transportError: error)
                rule = GraphRetryRule.forTransport(error.kind, method: method)
            }

            switch rule {
            case .fail:
                throw failure
            case .outcomeUnknown:
                throw Self.outcomeUnknown(failure)
            case .throttle:
                let delay = failure.retryAfter ?? policy.backoff(retry: retries)
                // No request to this mailbox (from any client) before the delay has elapsed.
                gate.deferRequests(key, seconds: delay)
                guard retries < policy.maxRetries, waited + delay <= policy.waitBudget else {
                    var error = failure
                    let remaining = gate.remainingDeferral(key) ?? 0
                    error.retryAfter = remaining > delay + 0.001 ? remaining : delay
                    error.message += Self.givingUp(retries: retries, waited: waited)
                    throw error
                }
                // The next `enter` sleeps until the mailbox's notBefore; that wait counts in `waited`.
                retries += 1
            case .backoff:
                let delay = failure.retryAfter ?? policy.backoff(retry: retries)
                guard retries < policy.maxRetries, waited + delay <= policy.waitBudget else {
                    var error = failure
                    if retries > 0 { error.message += Self.givingUp(retries: retries, waited: waited) }
                    throw error
                }
                retries += 1
                try await gate.sleeper.sleep(seconds: delay)
                waited += delay
            }
        }
    }

    /// The `Prefer` header value every request sends (one header, comma-separated preferences, RFC 7240).
    static func preferHeader(maxPageSize: Int?) -> String {
        var preferences = [#"IdType="ImmutableId""#, #"outlook.timezone="UTC""#]
        if let maxPageSize { preferences.append("odata.maxpagesize=\(maxPageSize)") }
        return preferences.joined(separator: ", ")
    }

    /// One attempt (alone, or as an item of a `$batch`). A failure below HTTP comes back as `.failure` (the retry rules depend on its
    /// kind); cancellation and other errors are thrown.
    private func perform(_ method: HTTPMethod, _ url: URL, key: InFlightKey, body: Data?, maxPageSize: Int?, token: AccessToken)
        async throws -> Result<HTTPClientResponse, HTTPTransportError>
    {
        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer " + token.value.revealed)
        headers.add("Accept", "application/json")
        headers.add("Prefer", Self.preferHeader(maxPageSize: maxPageSize))
        headers.add("client-request-id", UUID().uuidString.lowercased())
        if body != nil { headers.add("Content-Type", "application/json") }
        let request = HTTPClientRequest(method: method, url: url, headers: headers, body: body)
        do {
            if let batcher { return .success(try await batcher.send(request, key: key)) }
            return .success(try await transport.send(request))
        } catch let error as HTTPTransportError {
            return .failure(error)
        } catch let error as CalendarError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return .failure(HTTPTransportError(.other, "request failed: \(type(of: error))"))
        }
    }

    // MARK: - Errors

    static func outcomeUnknown(_ failure: CalendarError) -> CalendarError {
        let cause = failure.httpStatus.map { "HTTP \($0)" } ?? "no answer"
        return CalendarError(
            .transient, httpStatus: failure.httpStatus, providerCode: CalendarError.outcomeUnknownCode,
            message: "the create's outcome is unknown (\(cause)): \(failure.message); "
                + "look the event up by its tag before creating it again",
            retryAfter: failure.retryAfter)
    }

    static func deferredError(_ deferred: InFlightDeferred) -> CalendarError {
        CalendarError(
            .throttled, providerCode: CalendarError.deferredCode,
            message: "not sent: Graph asked to wait \(seconds(deferred.remaining)) more before calling the "
                + "\(deferred.key.graphName) again",
            retryAfter: deferred.remaining)
    }

    static func givingUp(retries: Int, waited: Double) -> String {
        " (gave up after \(retries) \(retries == 1 ? "retry" : "retries") and \(seconds(waited)) of waiting)"
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.3f s", value)
    }
}
