import CalSyncProviderKit

extension GraphClient {
    /// The `gate` key of a user's mailbox for this client's app, e.g. to defer it after a `$batch`
    /// item answered 429 with a `retry-after` (`gate.deferRequests(_:seconds:)`).
    public func mailboxKey(userId: String) -> InFlightKey {
        .calendar(userId, scope: gateScope)
    }

    /// The `gate` key of this app's directory-wide calls (`/users`).
    public var directoryKey: InFlightKey {
        .account(scope: gateScope)
    }
}
