import CalSyncHTTP
import Foundation

// MARK: - The call pipeline: authenticate → in flight → quota and faults → route → latency → out of flight

extension GoogleEmulator {
    /// A Calendar or Directory call sent on its own.
    func handleCall(_ route: GoogleRoute, _ context: GoogleRequestContext) async -> HTTPResponse {
        let token: GoogleAccessToken
        do {
            token = try authenticate(context.request.headers["Authorization"], now: context.now)
        } catch {
            await Self.pause(withState { $0.drawLatency() })
            return error.response()
        }
        let person = token.subject ?? token.clientEmail
        withState { state in
            state.ledger.begin(
                person, method: context.request.method.rawValue, path: context.request.path, instant: context.arrival,
                stats: &state.stats)
        }
        let (response, backoff) = performCall(route, context, token: token)
        await Self.pause(withState { $0.drawLatency() })
        withState { $0.ledger.end(person) }
        return startingBackoffs(response, [(person, backoff)])
    }

    /// One call, on its own or inside a batch: counts it for its person, applies the quotas and an injected fault, then
    /// the route. Returns the answer and, when it asks for a back-off, how long.
    func performCall(_ route: GoogleRoute, _ context: GoogleRequestContext, token: GoogleAccessToken)
        -> (HTTPResponse, backoff: Double?)
    {
        let person = token.subject ?? token.clientEmail
        let method = context.request.method
        let usesSyncToken = route.isList(method) && context.query("syncToken") != nil
        let fault: GoogleInjectedFault? = withState { state in
            state.stats.update(person) { $0.requests += 1 }
            if let error = state.ledger.admitQuota(
                user: token.subject, project: token.clientEmail, now: context.now, faults: state.faults)
            {
                state.stats.countFault(error.reason == "userRateLimitExceeded" ? "userQuota" : "projectQuota")
                return .error(name: "quota", error)
            }
            let fault = GoogleInjectedFault.draw(
                state.faults, &state.faultRNG, isWrite: route.isEventWrite(method), usesSyncToken: usesSyncToken,
                allowsReset: !context.inBatch)
            // The 500 after commit counts only once the write happened (below).
            if let fault, fault != .backendErrorAfterCommit { state.stats.countFault(fault.name) }
            return fault
        }
        var failure: GoogleError?
        let response: HTTPResponse
        switch fault {
        case .connectionReset:
            return (HTTPResponse.dropConnection(), nil)
        case .error(_, let error):
            failure = error
            response = error.response()
        case .syncTokenExpiry:
            let syncToken = context.query("syncToken") ?? ""
            withState { $0.syncTokens.remove(syncToken) }
            failure = .fullSyncRequired
            response = GoogleError.fullSyncRequired.response()
        case .backendErrorAfterCommit, nil:
            do {
                let reply = try dispatch(route, context, token: token)
                if fault == .backendErrorAfterCommit, (200..<300).contains(reply.status) {
                    withState { $0.stats.countFault(GoogleInjectedFault.backendErrorAfterCommit.name) }
                    failure = .backendError
                    response = GoogleError.backendError.response()
                } else {
                    response = render(reply)
                }
            } catch {
                failure = error
                response = error.response()
            }
        }
        guard let failure else { return (response, nil) }
        if failure.reason == "duplicate" { withState { $0.stats.update(person) { $0.duplicates409 += 1 } } }
        guard failure.asksForBackoff else { return (response, nil) }
        withState { $0.stats.update(person) { $0.backoffAnswers += 1 } }
        let retryAfter = failure.headers["Retry-After"].flatMap(Double.init) ?? 0
        return (response, max(retryAfter, configuration.minimumBackoffSeconds))
    }

    /// `response`, whose back-offs start when it is delivered: a client counts them from when the answer reaches it.
    func startingBackoffs(_ response: HTTPResponse, _ backoffs: [(person: String, seconds: Double?)]) -> HTTPResponse {
        let given = backoffs.compactMap { entry in entry.seconds.map { (entry.person, $0) } }
        guard !given.isEmpty else { return response }
        var response = response
        let previous = response.onDelivered
        response.onDelivered = { [weak self] in
            previous?()
            let instant = ContinuousClock.now
            self?.withState { state in
                for (person, seconds) in given { state.ledger.backoffGiven(person, seconds: seconds, instant: instant) }
            }
        }
        return response
    }

    /// Sleeps without holding a thread; cancellation just ends the pause.
    static func pause(_ duration: Duration) async {
        guard duration > .zero else { return }
        try? await Task.sleep(for: duration)
    }
}

extension GoogleRoute {
    /// `events.list` or `users.list`.
    func isList(_ method: HTTPMethod) -> Bool {
        switch self {
        case .events, .users: return method == .get
        default: return false
        }
    }
}

extension GoogleState {
    /// The added latency for one HTTP request (0 unless faults add some).
    mutating func drawLatency() -> Duration {
        var milliseconds = max(0, faults.addedLatencyMs)
        if faults.latencyJitterMs > 0 { milliseconds += Int(faultRNG.next() % UInt64(faults.latencyJitterMs + 1)) }
        return .milliseconds(milliseconds)
    }
}
