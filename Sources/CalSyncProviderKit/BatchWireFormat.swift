import CalSyncHTTP

/// How one calendar system carries several requests in one (a JSON document of requests, a multipart/mixed body, …):
/// the vendor half of `RequestBatcher`, written by each adapter whose service has a batch endpoint. Pure: no I/O, no
/// state.
public protocol BatchWireFormat: Sendable {
    /// At most this many requests per batch (the vendor's limit).
    var maxItems: Int { get }
    /// Whether `request` may go into a batch (otherwise it is sent on its own).
    func canBatch(_ request: HTTPClientRequest) -> Bool
    /// Requests that may share one batch have the same group (e.g. the same bearer token); "" for any.
    func group(of request: HTTPClientRequest) -> String
    /// The one request carrying these requests; `ids` are unique, in the same order.
    func encode(_ requests: [HTTPClientRequest], ids: [String]) -> HTTPClientRequest
    /// Each part's answer by id as a response of its own (status, headers, body), or nil when the answer is not a
    /// readable batch answer (then the whole answer applies to every part).
    func decode(_ response: HTTPClientResponse) -> [String: HTTPClientResponse]?
}
