import CalSyncHTTP
import Foundation
import Synchronization

/// Serves `LineBatchWire`: each part (or plain request) is answered `200 <path>`, unless its path is in `throttled`
/// (429) or the whole batch is answered with `wholeAnswer`. Records every request it received.
final class LineBatchServer: HTTPTransport, Sendable {
    private let received = Mutex<[HTTPClientRequest]>([])
    let throttled: Set<String>
    let wholeAnswer: HTTPClientResponse?

    init(throttled: Set<String> = [], wholeAnswer: HTTPClientResponse? = nil) {
        self.throttled = throttled
        self.wholeAnswer = wholeAnswer
    }

    var requests: [HTTPClientRequest] { received.withLock { $0 } }

    func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        received.withLock { $0.append(request) }
        guard request.url.path == "/batch" else {
            return HTTPClientResponse(status: 200, body: Data(request.url.path.utf8))
        }
        if let wholeAnswer { return wholeAnswer }
        let lines = String(decoding: request.body ?? Data(), as: UTF8.self).split(separator: "\n").map { line in
            let fields = line.split(separator: " ").map(String.init)
            let status = throttled.contains(fields[2]) ? 429 : 200
            return "\(fields[0]) \(status) \(fields[2])"
        }
        return HTTPClientResponse(status: 200, body: Data(lines.joined(separator: "\n").utf8))
    }
}
