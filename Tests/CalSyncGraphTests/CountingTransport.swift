import CalSyncHTTP
import Foundation
import Synchronization

/// Counts the HTTP requests another transport sends, by path (`/v1.0/$batch`, `/…/token`, …).
final class CountingTransport: HTTPTransport {
    let base: any HTTPTransport
    private let counts = Mutex<[String: Int]>([:])

    init(_ base: any HTTPTransport) { self.base = base }

    func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        let path = request.url.path(percentEncoded: false)
        counts.withLock { $0[path, default: 0] += 1 }
        return try await base.send(request)
    }

    var total: Int { counts.withLock { $0.values.reduce(0, +) } }
    var batches: Int { counts.withLock { $0["/v1.0/$batch"] ?? 0 } }
}
