import Foundation

/// An `HTTPTransport` that hands requests straight to a responder in the same process (no sockets).
/// Tests use it to run the Graph client against the emulator quickly; end-to-end tests use sockets.
public struct InProcessTransport: HTTPTransport {
    let responder: any HTTPResponder

    public init(_ responder: any HTTPResponder) { self.responder = responder }

    public func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        let sent = ContinuousClock.now
        var target = request.url.path(percentEncoded: true)
        if target.isEmpty { target = "/" }
        if let query = request.url.query(percentEncoded: true) { target += "?" + query }
        var headers = request.headers
        // Basic credentials travel as the header libcurl would write; NTLM needs a connection, so it is not offered here.
        if let credentials = request.credentials, credentials.scheme == .basic, headers["Authorization"] == nil {
            headers["Authorization"] = credentials.basicAuthorization
        }
        if headers["Host"] == nil, let host = request.url.host() {
            headers["Host"] = request.url.port.map { "\(host):\($0)" } ?? host
        }
        let serverRequest = HTTPRequest(
            method: request.method, target: target, headers: headers,
            body: request.body ?? Data(), remoteAddress: "in-process", receivedAt: sent)
        let response = await responder.respond(to: serverRequest)
        if response.dropsConnection {  // test-only marker: what a socket client sees as a dropped connection
            throw HTTPTransportError(
                .connectionReset, "\(request.method.rawValue) in-process: connection dropped without a response")
        }
        // The client reports when it has read the answer (`onRead`): in process, that moment is known exactly.
        return HTTPClientResponse(
            status: response.status, headers: response.headers,
            body: request.method == .head ? Data() : response.body, onRead: response.onDelivered)
    }
}
