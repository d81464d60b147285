import CalSyncHTTP
import Foundation

// MARK: - The validation handshake of a new subscription

extension GraphEmulator {
    /// POSTs `url?validationToken=…` (the token URL-encoded) and expects, within `timeout` seconds, a 200 whose
    /// `text/plain` body is the token exactly. Returns the 400 the create call answers when it does not; nil when it does.
    func validationHandshake(_ url: String, timeout: Double) async -> GraphError? {
        let token = state.withLock { state in
            "Validation: Testing client application reachability for subscription Request-Id: " + state.rng.uuidString()
        }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = token.addingPercentEncoding(withAllowedCharacters: allowed) ?? token
        guard let target = URL(string: url + (url.contains("?") ? "&" : "?") + "validationToken=" + encoded) else {
            return .validationFailed
        }
        var headers = HTTPHeaders()
        headers["Content-Type"] = "text/plain; charset=utf-8"
        let request = HTTPClientRequest(method: .post, url: target, headers: headers, body: Data(), timeout: timeout)
        let response: HTTPClientResponse
        do {
            response = try await withTimeout(seconds: timeout) { [notificationTransport] in
                try await notificationTransport.send(request)
            }
        } catch let error as HTTPTransportError where error.kind == .timeout {
            return .validationTimedOut
        } catch is HandshakeTimeout {
            return .validationTimedOut
        } catch {
            return .validationFailed
        }
        guard response.status == 200 else { return .validationFailed }
        let type = response.headers["Content-Type"]?.lowercased() ?? ""
        guard type.hasPrefix("text/plain"), String(decoding: response.body, as: UTF8.self) == token else {
            return .validationMismatch
        }
        return nil
    }

    /// Runs `body`, or throws `HandshakeTimeout` after `seconds` (a transport without its own timeout, such as
    /// an in-process responder, must not hold the create call longer than Graph would).
    func withTimeout<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                throw HandshakeTimeout()
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }
}
