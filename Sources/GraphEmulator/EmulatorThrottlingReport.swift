import CalSyncCore
import Foundation

/// What the emulator saw of a client's concurrency and backoff, for `GET /_emulator/throttling`,
/// `GraphEmulator.throttlingReport()` and load tests.
///
/// A *mailbox* is the user a `/users/{id}/…` Outlook request addresses (mailboxSettings, calendar,
/// calendarView, delta, events), resolved to the user's object id whether the path used the id or the
/// UPN. Directory calls (`/users`, `/users/{id}`), the token endpoint and the side door are not
/// mailbox requests. Only authenticated requests are counted.
public struct EmulatorThrottlingReport: Sendable, Hashable {
    /// A request that arrived before a `Retry-After` the emulator had given the same app for the same
    /// mailbox had elapsed (measured on the monotonic clock, from when that response was produced).
    public struct EarlyRequest: Sendable, Hashable {
        /// The user id.
        public var mailbox: String
        public var method: String
        public var path: String
        /// The emulator clock when the request arrived.
        public var at: Date
        /// How much of the `Retry-After` was still left.
        public var earlyBySeconds: Double
        /// The `Retry-After` that was not honoured.
        public var retryAfterSeconds: Double
    }

    /// Per mailbox (user id): the most requests in flight at once — including any the emulator then
    /// rejected with the MailboxConcurrency 429, so a client that keeps to the limit shows ≤ 4.
    public var maxInFlightPerMailbox: [String: Int]
    /// The most authenticated Graph requests (mailbox or not) in flight at once.
    public var overallMaxInFlight: Int
    /// Graph requests in flight now (0 once every response has been produced).
    public var currentInFlight: Int
    /// Every early request; the list keeps the first `EmulatorThrottlingReport.earlyRequestListLimit`.
    public var earlyRequestCount: Int
    public var earlyRequests: [EarlyRequest]
    /// Injected faults by name: `throttle429`, `unavailable503`, `gatewayTimeout504AfterCommit`,
    /// `connectionReset`, `deltaSyncStateLoss`, `mailboxConcurrency429`, `addedLatency` (requests delayed).
    public var faultsInjected: [String: Int]

    public static let earlyRequestListLimit = 1000

    public init(
        maxInFlightPerMailbox: [String: Int] = [:], overallMaxInFlight: Int = 0, currentInFlight: Int = 0,
        earlyRequestCount: Int = 0, earlyRequests: [EarlyRequest] = [], faultsInjected: [String: Int] = [:]
    ) {
        self.maxInFlightPerMailbox = maxInFlightPerMailbox
        self.overallMaxInFlight = overallMaxInFlight
        self.currentInFlight = currentInFlight
        self.earlyRequestCount = earlyRequestCount
        self.earlyRequests = earlyRequests
        self.faultsInjected = faultsInjected
    }

    public var json: EmulatorJSON {
        [
            "maxInFlightPerMailbox": .object(maxInFlightPerMailbox.mapValues { .number(Double($0)) }),
            "overallMaxInFlight": .number(Double(overallMaxInFlight)),
            "currentInFlight": .number(Double(currentInFlight)),
            "earlyRequestCount": .number(Double(earlyRequestCount)),
            "earlyRequests": .array(
                earlyRequests.map { early in
                    [
                        "mailbox": .string(early.mailbox), "method": .string(early.method), "path": .string(early.path),
                        "at": .string(GraphDateFormat.offsetDateTime(early.at)),
                        "earlyBySeconds": .number(early.earlyBySeconds),
                        "retryAfterSeconds": .number(early.retryAfterSeconds),
                    ]
                }),
            "faultsInjected": .object(faultsInjected.mapValues { .number(Double($0)) }),
        ]
    }
}

/// The emulator's throttling bookkeeping, inside `EmulatorState` (so behind its lock).
struct ThrottlingLedger: Sendable {
    /// Requests in flight per mailbox (all apps) and per app + mailbox (what the limit counts).
    var inFlight: [String: Int] = [:]
    var inFlightPerApp: [String: Int] = [:]
    var overallInFlight = 0
    var maxInFlight: [String: Int] = [:]
    var overallMax = 0
    /// app + mailbox → when its last `Retry-After` was given and ends, and how long it was.
    var retryDeadlines: [String: (given: ContinuousClock.Instant, until: ContinuousClock.Instant, seconds: Double)] = [:]
    var earlyCount = 0
    var early: [EmulatorThrottlingReport.EarlyRequest] = []
    var faults: [String: Int] = [:]

    static func appKey(_ app: String, _ mailbox: String) -> String { app.lowercased() + " " + mailbox }

    mutating func count(_ fault: String) {
        faults[fault, default: 0] += 1
    }

    /// A request starts: counts it and checks it against the last `Retry-After` given to its app + mailbox.
    /// `instant` is when the request arrived: one that arrived before the `Retry-After` was given was already
    /// on its way (concurrent, or in another batch) and is not early. Returns the app + mailbox in-flight count
    /// including this request.
    mutating func begin(
        app: String, mailbox: String?, method: String, path: String, at: Date, instant: ContinuousClock.Instant
    ) -> Int {
        overallInFlight += 1
        overallMax = max(overallMax, overallInFlight)
        guard let mailbox else { return 0 }
        let key = Self.appKey(app, mailbox)
        inFlight[mailbox, default: 0] += 1
        maxInFlight[mailbox] = max(maxInFlight[mailbox] ?? 0, inFlight[mailbox]!)
        inFlightPerApp[key, default: 0] += 1
        if let deadline = retryDeadlines[key], instant > deadline.given, instant < deadline.until {
            earlyCount += 1
            if early.count < EmulatorThrottlingReport.earlyRequestListLimit {
                early.append(
                    EmulatorThrottlingReport.EarlyRequest(
                        mailbox: mailbox, method: method, path: path, at: at,
                        earlyBySeconds: (deadline.until - instant).inSeconds, retryAfterSeconds: deadline.seconds))
            }
        }
        return inFlightPerApp[key]!
    }

    /// A response was produced: the request is no longer in flight.
    mutating func end(app: String, mailbox: String?) {
        overallInFlight -= 1
        guard let mailbox else { return }
        let key = Self.appKey(app, mailbox)
        inFlight[mailbox, default: 1] -= 1
        inFlightPerApp[key, default: 1] -= 1
        if inFlightPerApp[key] == 0 { inFlightPerApp[key] = nil }
    }

    /// A `Retry-After` reached the client at `instant` (the response carrying it was handed over): no request of
    /// that app to that mailbox should arrive for `seconds`.
    mutating func retryAfterGiven(app: String, mailbox: String, seconds: Double, instant: ContinuousClock.Instant) {
        let key = Self.appKey(app, mailbox)
        let until = instant + .milliseconds(Int((seconds * 1000).rounded()))
        if let existing = retryDeadlines[key], existing.until >= until { return }
        retryDeadlines[key] = (instant, until, seconds)
    }

    /// Clears the observations; requests in flight stay counted (their maxima restart from them) and
    /// the `Retry-After`s already given still apply.
    mutating func resetReport() {
        maxInFlight = inFlight.filter { $0.value > 0 }
        overallMax = overallInFlight
        earlyCount = 0
        early = []
        faults = [:]
    }

    var report: EmulatorThrottlingReport {
        EmulatorThrottlingReport(
            maxInFlightPerMailbox: maxInFlight, overallMaxInFlight: overallMax, currentInFlight: overallInFlight,
            earlyRequestCount: earlyCount, earlyRequests: early, faultsInjected: faults)
    }
}
