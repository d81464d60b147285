import CalSyncCore
import Foundation
import Synchronization

/// The service account's refused-password latch (`docs/exchange.md`, "Logon"): a password Exchange refused is not
/// tried again by any mailbox's request, so Active Directory's lockout policy never locks the account out. (Back-offs
/// are the client's `InFlightGate`.)
final class EWSAccountHold: Sendable {
    private struct State {
        var refusal: CalendarError?
        var failedLogons = 0
    }

    private let state = Mutex(State())

    /// Throws without sending when the account's password was refused.
    func check() throws(CalendarError) {
        if let refusal = state.withLock({ $0.refusal }) { throw refusal }
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
