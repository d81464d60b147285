/// A fault drawn for one call (names as in `GoogleFaults`).
enum GoogleInjectedFault: Sendable, Equatable {
    case error(name: String, GoogleError)
    case connectionReset
    case syncTokenExpiry
    case backendErrorAfterCommit

    var name: String {
        switch self {
        case .error(let name, _): return name
        case .connectionReset: return "connectionReset"
        case .syncTokenExpiry: return "syncTokenExpiry"
        case .backendErrorAfterCommit: return "backendError500AfterCommit"
        }
    }

    /// At most one fault, from one draw cut into bands in a fixed order, so each fault comes with exactly its own
    /// probability (their sum should not pass 1: later bands are cut short) and a seed gives the same faults. With
    /// every knob at 0 nothing is drawn.
    static func draw(
        _ faults: GoogleFaults, _ rng: inout SplitMix64, isWrite: Bool, usesSyncToken: Bool, allowsReset: Bool = true
    ) -> GoogleInjectedFault? {
        let retryAfter = faults.retryAfterSeconds.map { range -> Int in
            let seconds = range.lowerBound + (range.upperBound - range.lowerBound) * rng.unit()
            return max(0, Int(seconds.rounded(.up)))
        }
        func withRetryAfter(_ error: GoogleError) -> GoogleError {
            var error = error
            if let retryAfter { error.headers["Retry-After"] = String(retryAfter) }
            return error
        }
        let bands: [(Double, () -> GoogleInjectedFault)] = [
            (allowsReset ? faults.connectionReset : 0, { .connectionReset }),
            (faults.unavailable503, { .error(name: "unavailable503", withRetryAfter(.unavailable)) }),
            (faults.rateLimit429, { .error(name: "rateLimit429", withRetryAfter(.rateLimitExceeded(status: 429))) }),
            (faults.rateLimit403, { .error(name: "rateLimit403", withRetryAfter(.rateLimitExceeded(status: 403))) }),
            (faults.userRateLimit403, { .error(name: "userRateLimit403", withRetryAfter(.userRateLimitExceeded)) }),
            (faults.quotaExceeded403, { .error(name: "quotaExceeded403", .quotaExceeded) }),
            (faults.backendError500, { .error(name: "backendError500", .backendError) }),
            (usesSyncToken ? faults.syncTokenExpiry : 0, { .syncTokenExpiry }),
            (isWrite ? faults.backendError500AfterCommit : 0, { .backendErrorAfterCommit }),
        ]
        guard bands.contains(where: { $0.0 > 0 }) else { return nil }
        var u = rng.unit()
        for (band, make) in bands {
            if u < band { return make() }
            u -= band
        }
        return nil
    }
}
