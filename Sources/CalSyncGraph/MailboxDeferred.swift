/// Thrown by `MailboxGate.enter` when the mailbox may not be called for longer than the caller is
/// willing to wait: the request was not sent. `remaining` is how long the mailbox is still deferred.
public struct MailboxDeferred: Error, Sendable, Hashable {
    public let key: MailboxKey
    public let remaining: Double

    public init(key: MailboxKey, remaining: Double) {
        self.key = key
        self.remaining = remaining
    }
}
