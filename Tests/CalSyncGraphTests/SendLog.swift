import CalSyncGraph
import CalSyncHTTP
import CalSyncProviderKit
import Foundation

/// Records when (on the mock clock) each Graph request was sent, and to which mailbox.
final class SendLog: @unchecked Sendable {
    struct Entry {
        var mailbox: String
        var method: HTTPMethod
        var at: Date
        var body: String
    }

    // Guarded by `lock`.
    private let lock = NSLock()
    private var recorded: [Entry] = []
    let clock: MockWallClock

    init(clock: MockWallClock) { self.clock = clock }

    var entries: [Entry] { lock.withLock { recorded } }

    func entries(for mailbox: String) -> [Entry] { entries.filter { $0.mailbox == mailbox } }

    /// A script step that records the request, then answers `status` with `body` and `headers`.
    func step(_ status: Int, _ body: String = "", headers: HTTPHeaders = [:]) -> ScriptedTransport.Step {
        .handle { request in
            self.record(request)
            var headers = headers
            if !body.isEmpty { headers["Content-Type"] = "application/json" }
            return HTTPClientResponse(status: status, headers: headers, body: Data(body.utf8))
        }
    }

    /// A script step that records the request, then fails below HTTP.
    func failure(_ kind: HTTPTransportError.Kind) -> ScriptedTransport.Step {
        .handle { request in
            self.record(request)
            throw HTTPTransportError(kind, "simulated \(kind.rawValue)")
        }
    }

    private func record(_ request: HTTPClientRequest) {
        let mailbox: String
        switch InFlightKey.forRequest(request.url, scope: "").target {
        case .calendar(let id): mailbox = id
        case .account: mailbox = "directory"
        }
        let entry = Entry(mailbox: mailbox, method: request.method, at: clock.now(), body: request.bodyText)
        lock.withLock { recorded.append(entry) }
    }
}
