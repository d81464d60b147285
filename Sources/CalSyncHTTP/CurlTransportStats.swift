/// Counters a `CurlTransport` keeps so benchmarks and tests can see keep-alive at work:
/// with connection reuse, `connectionsOpened` stays near the number of lanes while
/// `requestsSent` grows.
public struct CurlTransportStats: Sendable, Equatable, CustomStringConvertible {
    /// Transfers performed (successful or not).
    public var requestsSent: Int
    /// New connections libcurl opened, summed from `CURLINFO_NUM_CONNECTS` after every transfer.
    public var connectionsOpened: Int
    /// Transfers that ended with a transport error (no HTTP status) or were cancelled.
    public var transportErrors: Int

    public init(requestsSent: Int = 0, connectionsOpened: Int = 0, transportErrors: Int = 0) {
        self.requestsSent = requestsSent
        self.connectionsOpened = connectionsOpened
        self.transportErrors = transportErrors
    }

    public var description: String {
        "requests=\(requestsSent) connections=\(connectionsOpened) errors=\(transportErrors)"
    }
}
