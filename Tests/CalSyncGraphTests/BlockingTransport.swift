import CalSyncGraph
import CalSyncHTTP
import CalSyncProviderKit
import Foundation

/// An `HTTPTransport` that answers token requests at once and parks every Graph request until
/// released, counting requests in flight per mailbox (the path segment after `users`).
final class BlockingTransport: HTTPTransport, @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var current: [String: Int] = [:]
    private var peak: [String: Int] = [:]
    private var parked: [CheckedContinuation<Void, Never>] = []
    private var released = false
    private var tokens = 0

    /// Requests of `mailbox` being processed right now.
    func inFlight(_ mailbox: String) -> Int { lock.withLock { current[mailbox] ?? 0 } }
    /// The most requests of `mailbox` ever in flight at once.
    func peakInFlight(_ mailbox: String) -> Int { lock.withLock { peak[mailbox] ?? 0 } }
    var parkedCount: Int { lock.withLock { parked.count } }

    /// Lets every parked request and every later one through.
    func releaseAll() {
        let waiting = lock.withLock {
            released = true
            defer { parked.removeAll() }
            return parked
        }
        for continuation in waiting { continuation.resume() }
    }

    func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        if ScriptedTransport.isTokenRequest(request) {
            let number = lock.withLock {
                tokens += 1
                return tokens
            }
            let body = #"{"token_type":"Bearer","expires_in":3600,"access_token":"token-\#(number)"}"#
            return HTTPClientResponse(status: 200, body: Data(body.utf8))
        }
        let mailbox: String
        switch InFlightKey.forRequest(request.url, scope: "").target {
        case .calendar(let id): mailbox = id
        case .account: mailbox = "directory"
        }
        lock.withLock {
            current[mailbox, default: 0] += 1
            peak[mailbox] = max(peak[mailbox] ?? 0, current[mailbox] ?? 0)
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let go = lock.withLock {
                if !released { parked.append(continuation) }
                return released
            }
            if go { continuation.resume() }
        }
        lock.withLock { current[mailbox, default: 0] -= 1 }
        return HTTPClientResponse(status: 200, body: Data(#"{"timeZone":"UTC"}"#.utf8))
    }
}
