import Foundation

/// The bookkeeping behind per-person concurrency, back-off observation and the per-minute quotas (inside
/// `GoogleState`, so behind the emulator's lock).
struct GoogleLedger: Sendable {
    struct Backoff: Sendable {
        var given: ContinuousClock.Instant
        var until: ContinuousClock.Instant
        var seconds: Double
    }

    var inFlight: [String: Int] = [:]
    var overallInFlight = 0
    var backoffs: [String: Backoff] = [:]
    /// Call times in the last minute, per user and per project (service account), for the sliding-window quotas.
    var userCalls: [String: [Date]] = [:]
    var projectCalls: [String: [Date]] = [:]

    /// An HTTP request for `person` starts (`instant`: when it arrived): counts it in flight and checks it against
    /// the back-off last asked of that person. A request that arrived before the back-off was given (it was already
    /// on its way) is not inside it.
    mutating func begin(
        _ person: String, method: String, path: String, instant: ContinuousClock.Instant, stats: inout GoogleStats
    ) {
        overallInFlight += 1
        stats.maxInFlight = max(stats.maxInFlight, overallInFlight)
        let key = person.lowercased()
        inFlight[key, default: 0] += 1
        let current = inFlight[key]!
        var early: Backoff?
        if let backoff = backoffs[key], instant > backoff.given, instant < backoff.until { early = backoff }
        stats.update(key) { person in
            person.maxInFlight = max(person.maxInFlight, current)
            if early != nil { person.requestsInsideBackoff += 1 }
        }
        if let early, stats.backoffViolations.count < GoogleStats.violationListLimit {
            stats.backoffViolations.append(
                GoogleBackoffViolation(
                    person: key, method: method, path: path, earlyBySeconds: Self.seconds(early.until - instant),
                    backoffSeconds: early.seconds))
        }
    }

    mutating func end(_ person: String) {
        overallInFlight -= 1
        inFlight[person.lowercased(), default: 1] -= 1
    }

    /// An answer asking `person` to back off for `seconds` reached the client at `instant`.
    mutating func backoffGiven(_ person: String, seconds: Double, instant: ContinuousClock.Instant) {
        let until = instant + .milliseconds(Int((seconds * 1000).rounded()))
        let key = person.lowercased()
        if let existing = backoffs[key], existing.until >= until { return }
        backoffs[key] = Backoff(given: instant, until: until, seconds: seconds)
    }

    /// Counts a call against the per-minute quotas, or says which one it exceeds (the call is then not counted).
    mutating func admitQuota(user: String?, project: String, now: Date, faults: GoogleFaults) -> GoogleError? {
        guard faults.enforceQuotas else { return nil }
        let windowStart = now.addingTimeInterval(-60)
        if let user {
            userCalls[user, default: []].removeAll { $0 <= windowStart }
            if userCalls[user]!.count >= faults.userRequestsPerMinute { return .userRateLimitExceeded }
        }
        projectCalls[project, default: []].removeAll { $0 <= windowStart }
        if projectCalls[project]!.count >= faults.projectRequestsPerMinute {
            return .rateLimitExceeded(status: faults.projectRateLimitStatus)
        }
        if let user { userCalls[user]!.append(now) }
        projectCalls[project]!.append(now)
        return nil
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
