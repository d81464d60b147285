/// Thrown by `InFlightGate.enter` when the key may not be called for longer than the caller is willing to wait: the
/// request was not sent. `remaining` is how long the key is still deferred.
public struct InFlightDeferred: Error, Sendable, Hashable {
    public let key: InFlightKey
    public let remaining: Double

    public init(key: InFlightKey, remaining: Double) {
        self.key = key
        self.remaining = remaining
    }
}
