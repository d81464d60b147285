import Foundation

/// A response a responder hands back to the server.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data
    /// Called as the client gets the response: by `HTTPServer` as it writes it to the socket, and in process
    /// by the client itself once it has read it (`HTTPClientResponse.onRead`). The Graph emulator starts a
    /// `Retry-After` window there, since a client counts it from when the answer reaches it.
    public var onDelivered: (@Sendable () -> Void)?

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response from an already-encoded body.
    public static func json(_ status: Int, _ body: Data, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        headers["Content-Type"] = "application/json; charset=utf-8"
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// A JSON response from a JSONSerialization-compatible object.
    public static func json(_ status: Int, object: Any, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return json(status, data, headers: headers)
    }

    public static func text(_ status: Int, _ text: String, contentType: String = "text/plain; charset=utf-8")
        -> HTTPResponse
    {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Data(text.utf8))
    }
}
