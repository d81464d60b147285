/// What `InFlightGate` limits: one calendar (where the calendar system counts requests per calendar), or the
/// connection as a whole (calls that are about no calendar, such as a directory listing, or every call where the
/// system counts per account).
///
/// `scope` separates connections: an adapter names the app or account its limits are counted for (Microsoft 365:
/// its service URL, tenant id and client id, so two integrations of the same app registration share their
/// calendars' limits and different apps do not).
public struct InFlightKey: Hashable, Sendable, CustomStringConvertible {
    public enum Target: Hashable, Sendable {
        /// One calendar, by the provider's id of it, lowercased.
        case calendar(String)
        /// The connection as a whole.
        case account
    }

    public let scope: String
    public let target: Target

    public init(scope: String, target: Target) {
        self.scope = scope
        switch target {
        case .calendar(let id): self.target = .calendar(id.lowercased())
        case .account: self.target = .account
        }
    }

    public static func calendar(_ id: String, scope: String = "") -> InFlightKey {
        InFlightKey(scope: scope, target: .calendar(id))
    }

    public static func account(scope: String = "") -> InFlightKey {
        InFlightKey(scope: scope, target: .account)
    }

    public var description: String {
        switch target {
        case .calendar(let id): return "calendar \(id)"
        case .account: return "account"
        }
    }
}
