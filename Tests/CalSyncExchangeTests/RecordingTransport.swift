import CalSyncHTTP
import Foundation
import Synchronization

/// A transport that answers from a script (status and body per request, in order; the last one repeats) and keeps
/// every request it was handed, for tests of the adapter's wire format on Microsoft's sample answers.
final class RecordingTransport: HTTPTransport {
    struct Answer: Sendable {
        var status: Int
        var body: String
        var headers: HTTPHeaders = HTTPHeaders()
    }

    private let state: Mutex<(answers: [Answer], requests: [HTTPClientRequest])>

    init(_ answers: [Answer]) { state = Mutex((answers, [])) }

    /// One fixture file as the answer (HTTP 200 unless told).
    convenience init(fixture: String, status: Int = 200) throws {
        self.init([Answer(status: status, body: try ExchangeFixtures.text(fixture))])
    }

    var requests: [HTTPClientRequest] { state.withLock { $0.requests } }

    /// The request bodies as text.
    var bodies: [String] { requests.map { String(decoding: $0.body ?? Data(), as: UTF8.self) } }

    func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        let answer = state.withLock { state in
            state.requests.append(request)
            return state.answers.count > 1 ? state.answers.removeFirst() : state.answers[0]
        }
        return HTTPClientResponse(status: answer.status, headers: answer.headers, body: Data(answer.body.utf8))
    }
}
