import Foundation

/// What came back.
public struct HTTPClientResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data
    /// Set by `InProcessTransport` to the responder's `HTTPResponse.onDelivered`: a client that acts on the
    /// answer (a `Retry-After` applied to its mailbox) calls it once it has, so the responder knows from when
    /// the client knew. Nil for answers that came over a socket (the server reports those as written).
    public var onRead: (@Sendable () -> Void)?

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data(), onRead: (@Sendable () -> Void)? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.onRead = onRead
    }
}
