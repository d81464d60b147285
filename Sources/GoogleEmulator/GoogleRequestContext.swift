import CalSyncHTTP
import Foundation

/// One call as the handlers see it: the request (a batch part's own), the emulator's "now" and when the HTTP request
/// arrived (a batch part's is its batch's).
struct GoogleRequestContext: Sendable {
    let request: HTTPRequest
    let now: Date
    let arrival: ContinuousClock.Instant
    /// Inside a multipart batch (some writes are refused there, DOC).
    let inBatch: Bool

    init(request: HTTPRequest, now: Date, arrival: ContinuousClock.Instant, inBatch: Bool = false) {
        self.request = request
        self.now = now
        self.arrival = arrival
        self.inBatch = inBatch
    }

    /// The first value of a query parameter.
    func query(_ name: String) -> String? { request.queryValue(name) }

    /// Every value of a repeatable query parameter, in order.
    func queryValues(_ name: String) -> [String] { request.query.filter { $0.name == name }.map(\.value) }

    /// `http://HOST` from the Host header: the emulator's own token URL is an accepted `aud`.
    var origin: String { "http://" + (request.headers["Host"] ?? "localhost") }
}
