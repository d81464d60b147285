import CalSyncGraph
import CalSyncHTTP
import CalSyncProviderKit
import CalSyncTesting
import Foundation
import Synchronization

/// Records when (on the mock clock) each Graph request was sent, and to which mailbox.
final class SendLog: Sendable {
    struct Entry: Sendable {
        var mailbox: String
        var method: HTTPMethod
        var at: Date
        var body: String
    }

    private let recorded = Mutex<[Entry]>([])
    let clock: ManualClock

    init(clock: ManualClock) { self.clock = clock }

    var entries: [Entry] { recorded.withLock { $0 } }

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
        recorded.withLock { $0.append(entry) }
    }
}
