import CalSyncHTTP
import Foundation

/// Runs blocking socket code on its own thread, away from the Swift concurrency pool that the
/// server's responder tasks need (the pool has only as many threads as cores).
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try body() })
        }
    }
}

/// Answers `METHOD path body` as text, after sleeping `?delay=milliseconds`.
let echoResponder = ClosureResponder { request in
    if let delay = request.queryValue("delay").flatMap(Int.init) {
        try? await Task.sleep(for: .milliseconds(delay))
    }
    let body = String(decoding: request.body, as: UTF8.self)
    return .text(200, "\(request.method) \(request.path) \(body)".trimmingCharacters(in: .whitespaces))
}

/// A configuration on a free port (0), with changes applied.
func config(_ modify: (inout HTTPServerConfiguration) -> Void = { _ in }) -> HTTPServerConfiguration {
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    modify(&configuration)
    return configuration
}

/// Starts a server, runs `body` with it and its port, shuts the server down.
func withServer(
    _ configuration: HTTPServerConfiguration = config(),
    responder: any HTTPResponder = echoResponder,
    metrics: MetricsRegistry? = nil,
    _ body: (HTTPServer, Int) async throws -> Void
) async throws {
    let server = HTTPServer(configuration: configuration, responder: responder, metrics: metrics)
    let port = try server.start()
    do {
        try await body(server, port)
    } catch {
        await server.shutdown(timeout: 1)
        throw error
    }
    await server.shutdown(timeout: 1)
}

/// A request with the Host header every HTTP/1.1 request needs.
func rawGET(_ path: String, _ extraHeaders: String = "") -> String {
    "GET \(path) HTTP/1.1\r\nHost: test\r\n\(extraHeaders)\r\n"
}

func rawPOST(_ path: String, _ body: String, _ extraHeaders: String = "") -> String {
    "POST \(path) HTTP/1.1\r\nHost: test\r\nContent-Length: \(body.utf8.count)\r\n\(extraHeaders)\r\n\(body)"
}
