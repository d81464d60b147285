import CalSyncHTTP
import Foundation

// MARK: - Fault injection and throttling observation (docs/microsoft-365.md §7)

/// A fault chosen for one request.
enum InjectedFault: Sendable, Equatable {
    /// Real Graph's limit: too many concurrent requests for one app + mailbox.
    case mailboxConcurrency(retryAfter: Double)
    case throttled(retryAfter: Double)
    case unavailable(retryAfter: Double)
    case connectionReset
    case deltaSyncStateLoss
    case gatewayTimeoutAfterCommit

    /// The key in `EmulatorThrottlingReport.faultsInjected`.
    var name: String {
        switch self {
        case .mailboxConcurrency: return "mailboxConcurrency429"
        case .throttled: return "throttle429"
        case .unavailable: return "unavailable503"
        case .connectionReset: return "connectionReset"
        case .deltaSyncStateLoss: return "deltaSyncStateLoss"
        case .gatewayTimeoutAfterCommit: return "gatewayTimeout504AfterCommit"
        }
    }

    /// The `Retry-After` the response carries, in seconds.
    var retryAfter: Double? {
        switch self {
        case .mailboxConcurrency(let s), .throttled(let s), .unavailable(let s): return s
        case .connectionReset, .deltaSyncStateLoss, .gatewayTimeoutAfterCommit: return nil
        }
    }
}

/// What the fault step decided for one request.
struct FaultPlan: Sendable {
    var fault: InjectedFault?
    var latency: Duration = .zero
    /// The mailbox (user id) the request was counted against, if it is a mailbox request.
    var mailbox: String?
}

extension GraphEmulator {
    // MARK: - Public API

    /// The faults in force.
    public func faults() -> EmulatorFaults {
        state.withLock { $0.faults }
    }

    /// Replaces the faults in force (`EmulatorFaults()` turns every fault off) and reseeds the fault
    /// generator. A non-nil `accessTokenLifetimeSeconds` also cuts live tokens down to that lifetime from now.
    public func setFaults(_ faults: EmulatorFaults) {
        let now = clock.now()
        state.withLock { state in Self.install(faults, in: &state, now: now, configurationSeed: configuration.seed) }
    }

    /// Changes some fault knobs atomically (like `setFaults`). `change` runs under the emulator's lock:
    /// it must not call back into the emulator.
    public func updateFaults(_ change: (inout EmulatorFaults) -> Void) {
        let now = clock.now()
        state.withLock { state in
            var faults = state.faults
            change(&faults)
            Self.install(faults, in: &state, now: now, configurationSeed: configuration.seed)
        }
    }

    /// Concurrency, early retries and injected faults seen since the start or the last reset.
    public func throttlingReport() -> EmulatorThrottlingReport {
        state.withLock { $0.throttling.report }
    }

    /// Clears the report (maxima restart from the requests in flight now; `Retry-After`s already given
    /// still count for early-request detection).
    public func resetThrottlingReport() {
        state.withLock { $0.throttling.resetReport() }
    }

    static func install(_ faults: EmulatorFaults, in state: inout EmulatorState, now: Date, configurationSeed: UInt64) {
        state.faults = faults
        state.faultRNG = SeededGenerator(seed: EmulatorState.faultSeed(faults, configurationSeed: configurationSeed))
        if let lifetime = faults.accessTokenLifetimeSeconds {
            let cap = now.addingTimeInterval(Double(lifetime))
            for (key, record) in state.accessTokens where record.expiresAt > cap { state.accessTokens[key]?.expiresAt = cap }
        }
    }

    // MARK: - Graph pipeline

    /// Graph pipeline: authenticate → count in flight, check early retries, concurrency limit and
    /// faults → route → render → added latency → out of flight (a `Retry-After` starts once the answer is delivered).
    func handleGraph(_ route: GraphRoute, _ context: inout RequestContext) async -> HTTPResponse {
        let token: AccessTokenRecord
        do {
            token = try authenticate(context)
        } catch {
            let latency = state.withLock { state in Self.drawLatency(state.faults, &state.faultRNG, ledger: &state.throttling) }
            await Self.pause(latency)
            return render(error, context)
        }
        let plan = admit(route, token: token, context)
        let response = perform(route, plan, token: token, &context)
        await Self.pause(plan.latency)
        state.withLock { state in state.throttling.end(app: token.clientId, mailbox: plan.mailbox) }
        guard let mailbox = plan.mailbox, let seconds = plan.fault?.retryAfter else { return response }
        return startingRetryAfter(response, app: token.clientId, given: [(mailbox, seconds)])
    }

    /// `response`, whose `Retry-After`s (per mailbox) start when it is delivered: a client counts them from when
    /// the answer reaches it, so a request it sent before then is not early.
    func startingRetryAfter(_ response: HTTPResponse, app: String, given: [(mailbox: String, seconds: Double)]) -> HTTPResponse {
        guard !given.isEmpty else { return response }
        var response = response
        response.onDelivered = { [state] in
            let instant = ContinuousClock.now
            state.withLock { state in
                for (mailbox, seconds) in given {
                    state.throttling.retryAfterGiven(app: app, mailbox: mailbox, seconds: seconds, instant: instant)
                }
            }
        }
        return response
    }

    /// Counts the request in flight and decides its fault and latency, in one critical section.
    /// - Parameter drawsLatency: false for `$batch` items, whose latency is the batch's (one per HTTP request).
    func admit(_ route: GraphRoute, token: AccessTokenRecord, _ context: RequestContext, drawsLatency: Bool = true)
        -> FaultPlan
    {
        let request = context.request
        let isWrite = route.isEventWrite(request.method)
        let usesDeltaToken = route.isDelta && context.query("$deltatoken") != nil
        return state.withLock { state in
            var plan = FaultPlan()
            plan.mailbox = route.mailboxKey.flatMap { state.user($0)?.id }
            let appInFlight = state.throttling.begin(
                app: token.clientId, mailbox: plan.mailbox, method: request.method.rawValue, path: request.path,
                at: context.now, instant: context.arrival)
            let faults = state.faults
            if plan.mailbox != nil, faults.enforceMailboxConcurrencyLimit, appInFlight > max(1, faults.mailboxConcurrencyLimit) {
                plan.fault = .mailboxConcurrency(retryAfter: Self.drawRetryAfter(faults, &state.faultRNG))
            } else {
                plan.fault = Self.drawFault(faults, &state.faultRNG, isWrite: isWrite, usesDeltaToken: usesDeltaToken)
            }
            // The 504 counts only once the write committed (see `perform`).
            if let fault = plan.fault, fault != .gatewayTimeoutAfterCommit { state.throttling.count(fault.name) }
            if drawsLatency { plan.latency = Self.drawLatency(faults, &state.faultRNG, ledger: &state.throttling) }
            return plan
        }
    }

    func perform(_ route: GraphRoute, _ plan: FaultPlan, token: AccessTokenRecord, _ context: inout RequestContext)
        -> HTTPResponse
    {
        switch plan.fault {
        case .connectionReset:
            return HTTPResponse.dropConnection(headers: commonHeaders(context))
        case .mailboxConcurrency(let seconds):
            return render(GraphError.mailboxConcurrency(retryAfter: seconds), context)
        case .throttled(let seconds):
            return render(GraphError.tooManyRequests(retryAfter: seconds), context)
        case .unavailable(let seconds):
            return render(GraphError.serviceNotAvailable(retryAfter: seconds), context)
        case .deltaSyncStateLoss:
            let deltaToken = context.query("$deltatoken") ?? ""
            let error = state.withLock { state in
                state.delta.remove(deltaToken)
                return GraphError.syncStateNotFound(
                    generation: Self.tokenGeneration(deltaToken), highest: state.delta.highestGeneration)
            }
            return render(error, context)
        case .gatewayTimeoutAfterCommit, nil:
            let response = handleRoute(route, token: token, &context)
            guard plan.fault == .gatewayTimeoutAfterCommit, (200..<300).contains(response.status) else { return response }
            state.withLock { $0.throttling.count(InjectedFault.gatewayTimeoutAfterCommit.name) }
            return render(GraphError.gatewayTimeout, context)
        }
    }

    /// Route → render, errors rendered in Graph's shape.
    func handleRoute(_ route: GraphRoute, token: AccessTokenRecord, _ context: inout RequestContext) -> HTTPResponse {
        do {
            let reply = try dispatch(route, token: token, &context)
            return render(reply, context)
        } catch let error as GraphError {
            return render(error, context)
        } catch {
            return render(GraphError(status: 500, code: "generalException", message: "\(error)"), context)
        }
    }

    // MARK: - Token endpoint

    /// The token endpoint, with `connectionReset`, `unavailable503`, `throttle429` and latency when
    /// `faultTokenEndpoint` is set (errors in the Entra shape).
    func handleTokenWithFaults(_ tenantName: String, _ context: RequestContext) async -> HTTPResponse {
        let plan: (FaultPlan, traceId: String)? = state.withLock { state in
            guard state.faults.faultTokenEndpoint else { return nil }
            var plan = FaultPlan()
            plan.fault = Self.drawFault(state.faults, &state.faultRNG, isWrite: false, usesDeltaToken: false)
            if let fault = plan.fault { state.throttling.count(fault.name) }
            plan.latency = Self.drawLatency(state.faults, &state.faultRNG, ledger: &state.throttling)
            return (plan, state.faultRNG.uuidString())
        }
        guard let (plan, traceId) = plan else { return handleToken(tenantName, context) }
        let response: HTTPResponse
        switch plan.fault {
        case .connectionReset:
            response = HTTPResponse.dropConnection()
        case .throttled(let seconds), .unavailable(let seconds):
            let error = TokenError(
                status: plan.fault == .throttled(retryAfter: seconds) ? 429 : 503, error: "temporarily_unavailable",
                code: 90033, message: "A transient error has occurred. Please try again.")
            var reply = error.response(
                now: context.now, traceId: traceId, correlationId: context.request.headers["client-request-id"] ?? traceId)
            reply.headers["Retry-After"] = Self.formatRetryAfter(seconds)
            response = reply
        default:
            response = handleToken(tenantName, context)
        }
        await Self.pause(plan.latency)
        return response
    }

    // MARK: - Draws (under the lock, from the fault generator)

    /// At most one fault, from one draw cut into bands in a fixed order (connection reset, 503, 429, delta
    /// sync-state loss for delta-token requests, 504 after commit for writes), so each fault comes with exactly its
    /// own probability (20 % 429 means 20 % of requests; their sum should not pass 1: later bands are cut short)
    /// and a seed gives the same faults. With every knob at 0 nothing is drawn.
    static func drawFault(_ faults: EmulatorFaults, _ rng: inout SeededGenerator, isWrite: Bool, usesDeltaToken: Bool)
        -> InjectedFault?
    {
        let loss = usesDeltaToken ? faults.deltaSyncStateLoss : 0
        let afterCommit = isWrite ? faults.gatewayTimeout504AfterCommit : 0
        guard faults.connectionReset + faults.unavailable503 + faults.throttle429 + loss + afterCommit > 0 else { return nil }
        var u = rng.unit()
        func falls(in band: Double) -> Bool {
            if u < band { return true }
            u -= band
            return false
        }
        if falls(in: faults.connectionReset) { return .connectionReset }
        if falls(in: faults.unavailable503) { return .unavailable(retryAfter: drawRetryAfter(faults, &rng)) }
        if falls(in: faults.throttle429) { return .throttled(retryAfter: drawRetryAfter(faults, &rng)) }
        if falls(in: loss) { return .deltaSyncStateLoss }
        if falls(in: afterCommit) { return .gatewayTimeoutAfterCommit }
        return nil
    }

    /// Seconds with millisecond resolution, uniform over `retryAfterSeconds`.
    static func drawRetryAfter(_ faults: EmulatorFaults, _ rng: inout SeededGenerator) -> Double {
        let low = Int((max(0, faults.retryAfterSeconds.lowerBound) * 1000).rounded())
        let high = max(low, Int((faults.retryAfterSeconds.upperBound * 1000).rounded()))
        guard high > low else { return Double(low) / 1000 }
        return Double(low + Int(rng.next() % UInt64(high - low + 1))) / 1000
    }

    static func drawLatency(_ faults: EmulatorFaults, _ rng: inout SeededGenerator, ledger: inout ThrottlingLedger) -> Duration {
        var milliseconds = max(0, faults.addedLatencyMs)
        if faults.latencyJitterMs > 0 { milliseconds += Int(rng.next() % UInt64(faults.latencyJitterMs + 1)) }
        guard milliseconds > 0 else { return .zero }
        ledger.count("addedLatency")
        return .milliseconds(milliseconds)
    }

    /// Sleeps without holding a thread (Task.sleep); cancellation just ends the pause.
    static func pause(_ duration: Duration) async {
        guard duration > .zero else { return }
        try? await Task.sleep(for: duration)
    }

    /// Decimal seconds as Graph writes them: `2.128`, `0.249`, `0.2`, `10`.
    static func formatRetryAfter(_ seconds: Double) -> String {
        let milliseconds = Int((max(0, seconds) * 1000).rounded())
        var text = String(milliseconds / 1000)
        var fraction = String(format: "%03d", milliseconds % 1000)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if !fraction.isEmpty { text += "." + fraction }
        return text
    }
}

extension GraphRoute {
    /// The user key of an Outlook (mailbox) route; nil for directory routes, the token endpoint and the side door.
    var mailboxKey: String? {
        switch self {
        case .mailboxSettings(let key, _), .calendarView(let key), .calendarViewDelta(let key), .events(let key),
            .event(let key, _):
            return key
        case .token, .sideDoor, .batch, .users, .user, .unknown, .subscriptions, .subscription:
            return nil
        }
    }

    var isDelta: Bool {
        if case .calendarViewDelta = self { return true }
        return false
    }

    /// POST to events, PATCH or DELETE of an event.
    func isEventWrite(_ method: HTTPMethod) -> Bool {
        switch self {
        case .events: return method == .post
        case .event: return method == .patch || method == .delete
        default: return false
        }
    }
}

// MARK: - Throttling and transient errors

extension GraphError {
    /// 429 as in the doc sample (fixture error-throttled.json), with a decimal `Retry-After`.
    static func tooManyRequests(retryAfter: Double) -> GraphError {
        var error = GraphError(
            status: 429, code: "TooManyRequests", message: "Please retry again later.",
            headers: ["Retry-After": GraphEmulator.formatRetryAfter(retryAfter)])
        error.innerErrorExtras = ["code": "429", "message": "Please retry after", "status": "429"]
        return error
    }

    /// 429 for more than 4 concurrent requests per app + mailbox (OBS).
    static func mailboxConcurrency(retryAfter: Double) -> GraphError {
        GraphError(
            status: 429, code: "ApplicationThrottled", message: "Application is over its MailboxConcurrency limit.",
            headers: ["Retry-After": GraphEmulator.formatRetryAfter(retryAfter)])
    }

    static func serviceNotAvailable(retryAfter: Double) -> GraphError {
        GraphError(
            status: 503, code: "serviceNotAvailable",
            message: "The service is temporarily unavailable. Please retry after the Retry-After interval.",
            headers: ["Retry-After": GraphEmulator.formatRetryAfter(retryAfter)])
    }

    /// 504 after the write was committed (docs/microsoft-365.md §7: the client cannot tell whether it happened).
    static let gatewayTimeout = GraphError(
        status: 504, code: "UnknownError",
        message: "The request timed out waiting for the mailbox server; it may or may not have been completed.")
}
