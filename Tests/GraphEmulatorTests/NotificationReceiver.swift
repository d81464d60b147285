import CalSyncHTTP
import Foundation
import GraphEmulator
import Synchronization

/// A webhook receiver for subscription tests: answers validation handshakes and records every notification
/// POST, with knobs to misbehave (wrong echo, slow answer, failing status for the first N posts).
final class NotificationReceiver: HTTPResponder, Sendable {
    struct Behaviour: Sendable {
        /// What the handshake answers: nil echoes the token correctly.
        var handshakeStatus = 200
        var handshakeBody: String?
        var handshakeContentType = "text/plain; charset=utf-8"
        var handshakeDelay: Duration = .zero
        /// Paths whose handshake is answered 404 (the others echo).
        var refusedPaths: Set<String> = []
        /// Notification POSTs answered with `failureStatus` before the receiver starts answering 202.
        var failFirst = 0
        var failureStatus = 503
        /// How long a notification POST waits before it is answered.
        var notificationDelay: Duration = .zero
    }

    struct Post: Sendable {
        let path: String
        let query: [String: String]
        let contentType: String?
        let body: EmulatorJSON
        var items: [EmulatorJSON] { body["value"]?.arrayValue ?? [] }
    }

    private let state: Mutex<(behaviour: Behaviour, handshakes: [Post], posts: [Post], failed: Int)>

    init(_ behaviour: Behaviour = Behaviour()) {
        state = Mutex((behaviour, [], [], 0))
    }

    var handshakes: [Post] { state.withLock { $0.handshakes } }
    /// Notification POSTs (not handshakes), in arrival order, including the ones answered with a failure.
    var posts: [Post] { state.withLock { $0.posts } }
    /// Items of the POSTs that were answered 202.
    var accepted: [EmulatorJSON] {
        state.withLock { s in s.posts.dropFirst(min(s.failed, s.posts.count)).flatMap(\.items) }
    }

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        var query: [String: String] = [:]
        for pair in request.query { query[pair.name] = pair.value }
        let post = Post(
            path: request.path, query: query, contentType: request.headers["Content-Type"],
            body: (try? EmulatorJSON.parse(request.body)) ?? .null)
        if let token = query["validationToken"] {
            let behaviour = state.withLock { s in
                s.handshakes.append(post)
                return s.behaviour
            }
            if behaviour.handshakeDelay > .zero { try? await Task.sleep(for: behaviour.handshakeDelay) }
            if behaviour.refusedPaths.contains(request.path) { return HTTPResponse(status: 404) }
            var headers = HTTPHeaders()
            headers["Content-Type"] = behaviour.handshakeContentType
            return HTTPResponse(
                status: behaviour.handshakeStatus, headers: headers, body: Data((behaviour.handshakeBody ?? token).utf8))
        }
        let (status, delay) = state.withLock { s in
            s.posts.append(post)
            if s.failed < s.behaviour.failFirst {
                s.failed += 1
                return (s.behaviour.failureStatus, s.behaviour.notificationDelay)
            }
            return (202, s.behaviour.notificationDelay)
        }
        if delay > .zero { try? await Task.sleep(for: delay) }
        return HTTPResponse(status: status)
    }

    /// Waits until `count` items were accepted (or two seconds pass).
    func waitForItems(_ count: Int) async -> [EmulatorJSON] {
        for _ in 0..<400 where accepted.count < count { try? await Task.sleep(for: .milliseconds(5)) }
        return accepted
    }
}
