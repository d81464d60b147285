import CalSyncHTTP
import CalSyncTesting
import Foundation
import Synchronization
import Testing

/// A test double for `HTTPTransport`: records every request and answers from a script.
///
/// Token-endpoint requests (`…/oauth2/v2.0/token`) are answered by `tokenSteps` in order and, once
/// those run out, by a default that issues `token-1`, `token-2`, … valid for `tokenLifetime`
/// seconds. Every other request consumes the next of `graphSteps`; running out is a test failure.
final class ScriptedTransport: HTTPTransport, Sendable {
    typealias Handler = @Sendable (HTTPClientRequest) async throws -> HTTPClientResponse

    enum Step: Sendable {
        case respond(HTTPClientResponse)
        case fail(HTTPTransportError)
        case handle(Handler)

        static func json(_ status: Int, _ text: String, headers: HTTPHeaders = [:]) -> Step {
            var headers = headers
            headers["Content-Type"] = "application/json"
            return .respond(HTTPClientResponse(status: status, headers: headers, body: Data(text.utf8)))
        }

        static func fixture(_ name: String, status: Int = 200, headers: HTTPHeaders = [:]) -> Step {
            json(status, Fixtures.text("graph/\(name)"), headers: headers)
        }

        static func status(_ status: Int, headers: HTTPHeaders = [:]) -> Step {
            .respond(HTTPClientResponse(status: status, headers: headers))
        }
    }

    private struct State {
        var graphSteps: [Step]
        var tokenSteps: [Step]
        var recorded: [HTTPClientRequest] = []
        var issuedTokens = 0
    }

    private let state: Mutex<State>
    let tokenLifetime: Int

    init(graph: [Step] = [], tokens: [Step] = [], tokenLifetime: Int = 3600) {
        self.state = Mutex(State(graphSteps: graph, tokenSteps: tokens))
        self.tokenLifetime = tokenLifetime
    }

    /// Every request, in the order sent.
    var requests: [HTTPClientRequest] { state.withLock { $0.recorded } }
    var tokenRequests: [HTTPClientRequest] { requests.filter(Self.isTokenRequest) }
    var graphRequests: [HTTPClientRequest] { requests.filter { !Self.isTokenRequest($0) } }
    var remainingGraphSteps: Int { state.withLock { $0.graphSteps.count } }

    func append(_ steps: Step...) { state.withLock { $0.graphSteps += steps } }

    func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        let step: Step? = state.withLock { state in
            state.recorded.append(request)
            if Self.isTokenRequest(request) {
                if !state.tokenSteps.isEmpty { return state.tokenSteps.removeFirst() }
                state.issuedTokens += 1
                let body =
                    #"{"token_type":"Bearer","expires_in":\#(tokenLifetime),"access_token":"token-\#(state.issuedTokens)"}"#
                return .json(200, body)
            }
            return state.graphSteps.isEmpty ? nil : state.graphSteps.removeFirst()
        }
        guard let step else {
            Issue.record("unscripted request: \(request.method) \(request.url.absoluteString)")
            throw HTTPTransportError(.other, "script exhausted")
        }
        switch step {
        case .respond(let response): return response
        case .fail(let error): throw error
        case .handle(let handler): return try await handler(request)
        }
    }

    static func isTokenRequest(_ request: HTTPClientRequest) -> Bool {
        request.url.path.hasSuffix("/oauth2/v2.0/token")
    }
}

extension HTTPClientRequest {
    /// The body as UTF-8 text ("" when absent).
    var bodyText: String { body.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    /// The body parsed as a JSON object.
    var jsonBody: [String: Any] {
        body.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
    }
}
