import CalSyncAPI
import CalSyncCore
import CalSyncHTTP
import CalSyncProviders
import CalSyncStore
import CalSyncTesting
import CalSyncWorker
import Foundation
import Synchronization

/// A sync control that records what the API asked of it (in-process router tests).
final class RecordingSyncControl: SyncControlling {
    private let state = Mutex((wakes: 0, requests: [(String?, String?)](), nextRun: Int64(1), catchUps: [(String?, String?)]()))

    var wakes: Int { state.withLock { $0.wakes } }
    var syncRequests: [(integrationId: String?, instructorId: String?)] { state.withLock { $0.requests.map { ($0.0, $0.1) } } }

    var catchUps: [(integrationId: String?, instructorId: String?)] { state.withLock { $0.catchUps.map { ($0.0, $0.1) } } }

    func wakePusher() { state.withLock { $0.wakes += 1 } }

    func catchUp(integrationId: String?, instructorId: String?) {
        state.withLock { $0.catchUps.append((integrationId, instructorId)) }
    }

    func requestSync(integrationId: String?, instructorId: String?) async throws -> Int64 {
        state.withLock { s in
            s.requests.append((integrationId, instructorId))
            s.nextRun += 1
            return s.nextRun - 1
        }
    }

    func status() async -> SyncStatusSnapshot { SyncStatusSnapshot(running: false, nextRunAt: nil, lastRun: nil) }

    func refreshMetrics(_ metrics: MetricsRegistry) async {}
}

/// The API in-process: a store in a temp file, tokens for each role, and a way to send requests.
final class APITestHarness: @unchecked Sendable {  // owned by one test
    enum Token: String {
        case admin = "admin-token-0123456789"
        case scheduler = "scheduler-token-0123456789"
        case reader = "reader-token-0123456789"
        case none = ""
    }

    let store: CalSyncStore
    let control = RecordingSyncControl()
    let metrics = MetricsRegistry()
    let server: APIServer
    let context: APIContext
    let database = TemporaryDatabase(prefix: "calsync-api")

    convenience init(now: Date = Date()) throws { try self.init(clock: ManualClock(now)) }

    /// - Parameter graph: when given, the admin pages' connection test runs the doctor against it, in process.
    convenience init(now: Date = Date(), graph: any HTTPResponder) throws {
        try self.init(clock: ManualClock(now), graph: graph)
    }

    init(clock: any WallClock, graph: (any HTTPResponder)? = nil) throws {
        store = try database.open()
        let doctor = graph.map { [store] in
            Doctor(
                store: store, providers: ProviderRegistry.standard(transport: InProcessTransport($0), coalescesRequests: false))
        }
        context = APIContext(
            store: store, sync: control, metrics: metrics, clock: clock, vocabularies: ProviderRegistry.standardVocabularies,
            doctor: doctor)
        let authenticator = Authenticator(tokens: [
            .init(Secret(Token.admin.rawValue), role: .admin), .init(Secret(Token.scheduler.rawValue), role: .scheduler),
            .init(Secret(Token.reader.rawValue), role: .reader),
        ])
        server = CalSyncAPI.server(context, authenticator: authenticator, logger: .silent)
    }

    struct Reply {
        let status: Int
        let headers: HTTPHeaders
        let body: Data
        /// The body as a JSON object (empty when it is not one).
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
        var errorField: String? { (json["error"] as? [String: Any])?["field"] as? String }
        var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
    }

    /// Sends a request; `json` is serialised as the body with `Content-Type: application/json`.
    func send(
        _ method: HTTPMethod, _ target: String, json: Any? = nil, rawBody: String? = nil,
        contentType: String? = "application/json", token: Token = .admin
    ) async -> Reply {
        var headers = HTTPHeaders()
        if token != .none { headers["Authorization"] = "Bearer \(token.rawValue)" }
        var body = Data()
        if let json { body = try! JSONSerialization.data(withJSONObject: json) }
        if let rawBody { body = Data(rawBody.utf8) }
        if !body.isEmpty, let contentType { headers["Content-Type"] = contentType }
        let response = await server.respond(to: HTTPRequest(method: method, target: target, headers: headers, body: body))
        return Reply(status: response.status, headers: response.headers, body: response.body)
    }
}
