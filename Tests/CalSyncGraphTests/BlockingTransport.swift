import CalSyncGraph
import CalSyncHTTP
import CalSyncProviderKit
import Foundation
import Synchronization

/// An `HTTPTransport` that answers token requests at once and parks every Graph request until
/// released, counting requests in flight per mailbox (the path segment after `users`).
final class BlockingTransport: HTTPTransport, Sendable {
    private struct State {
        var current: [String: Int] = [:]
        var peak: [String: Int] = [:]
        var parked: [CheckedContinuation<Void, Never>] = []
        var released = false
        var tokens = 0
    }

    private let state = Mutex(State())

    /// Requests of `mailbox` being processed right now.
    func inFlight(_ mailbox: String) -> Int { state.withLock { $0.current[mailbox] ?? 0 } }
    /// The most requests of `mailbox` ever in flight at once.
    func peakInFlight(_ mailbox: String) -> Int { state.withLock { $0.peak[mailbox] ?? 0 } }
    var parkedCount: Int { state.withLock { $0.parked.count } }

    /// Lets every parked request and every later one through.
    func releaseAll() {
        let waiting = state.withLock { state in
            state.released = true
            defer { state.parked.removeAll() }
            return state.parked
        }
        for continuation in waiting { continuation.resume() }
    }

    func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        if ScriptedTransport.isTokenRequest(request) {
            let number = state.withLock { state in
                state.tokens += 1
                return state.tokens
            }
            let body = #"{"token_type":"Bearer","expires_in":3600,"access_token":"token-\#(number)"}"#
            return HTTPClientResponse(status: 200, body: Data(body.utf8))
        }
        let mailbox: String
        switch InFlightKey.forRequest(request.url, scope: "").target {
        case .calendar(let id): mailbox = id
        case .account: mailbox = "directory"
        }
        state.withLock { state in
            state.current[mailbox, default: 0] += 1
            state.peak[mailbox] = max(state.peak[mailbox] ?? 0, state.current[mailbox] ?? 0)
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let go = state.withLock { state in
                if !state.released { state.parked.append(continuation) }
                return state.released
            }
            if go { continuation.resume() }
        }
        state.withLock { $0.current[mailbox, default: 0] -= 1 }
        return HTTPClientResponse(status: 200, body: Data(#"{"timeZone":"UTC"}"#.utf8))
    }
}
