import CalSyncCore
import Foundation
import Synchronization

/// What the service account as a whole must respect, whichever mailbox a request is for (`docs/exchange.md`,
/// "Throttling" and "Logon"): a BackOffMilliseconds holds every request until it elapses, and a password Exchange
/// refused is not tried again, so Active Directory's lockout policy never locks the account out.
final class EWSAccountHold: Sendable {
    private struct State {
        var heldUntil: Date?
        var refusal: CalendarError?
        var failedLogons = 0
    }

    private let state = Mutex(State())

    /// Throws without sending when the account is held or its password was refused.
    func check(now: Date) throws(CalendarError) {
        let (until, refusal) = state.withLock { ($0.heldUntil, $0.refusal) }
        if let refusal { throw refusal }
        if let until, until > now {
            let wait = until.timeIntervalSince(now)
            throw CalendarError(
                .throttled, providerCode: CalendarError.deferredCode,
                message: "Exchange asked this service account to back off; \(Int(wait.rounded(.up))) s left",
                retryAfter: wait)
        }
    }

    /// Holds every request of the account until `now + seconds` (a later hold wins).
    func hold(for seconds: Double, now: Date) {
        let until = now.addingTimeInterval(seconds)
        state.withLock { state in
            if state.heldUntil.map({ $0 < until }) ?? true { state.heldUntil = until }
        }
    }

    /// Remembers a refused logon: every later request throws `error` until `forgiveRefusal()`.
    func refuse(_ error: CalendarError) {
        state.withLock {
            $0.failedLogons += 1
            if $0.refusal == nil { $0.refusal = error }
        }
    }

    /// An administrator asked for a retry (the password itself changes by making a new provider).
    func forgiveRefusal() {
        state.withLock { $0.refusal = nil }
    }

    /// Logons Exchange refused so far.
    var failedLogons: Int { state.withLock { $0.failedLogons } }
}
