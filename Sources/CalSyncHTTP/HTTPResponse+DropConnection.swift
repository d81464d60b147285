import Foundation

// MARK: - Test-only fault injection: drop the connection without answering

extension HTTPResponse {
    /// TEST-ONLY. A response carrying this header with the value `1` is never written: `HTTPServer`
    /// closes the connection instead, so the client sees the connection dropped with no response
    /// (curl: "Empty reply from server" → `HTTPTransportError.Kind.connectionReset`), and
    /// `InProcessTransport` throws `HTTPTransportError(.connectionReset, …)`. The Graph emulator uses it
    /// for its `connectionReset` fault; production responders must never set it.
    public static let dropConnectionHeader = "X-CalSync-Drop-Connection"

    /// TEST-ONLY: the marker response (see `dropConnectionHeader`). Its 502 status is only what a
    /// consumer that ignores the marker would see; the server sends nothing.
    public static func dropConnection(headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        headers[dropConnectionHeader] = "1"
        return HTTPResponse(status: 502, headers: headers)
    }

    /// Whether this is the test-only drop-connection marker.
    public var dropsConnection: Bool { headers[Self.dropConnectionHeader] == "1" }
}
