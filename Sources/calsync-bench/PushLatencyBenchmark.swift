import CalSyncAPI
import CalSyncCore
import CalSyncHTTP
import CalSyncProviders
import CalSyncStore
import CalSyncWorker
import Foundation
import GraphEmulator
import Synchronization

/// Real-time push latency: from sending `PUT /v1/events/{id}/instructors/{instructorId}` to the
/// moment the Graph emulator has created the event (its 201), at a fixed write rate — beside the
/// emulator's own latency for a direct create over the same kind of connection.
struct PushLatencyBenchmark {
    let writes: Int
    let rate: Int
    let mailboxes: Int

    struct Result {
        let latenciesMs: [Double]
        let emulatorMs: [Double]
        let missing: Int
        let rate: Int

        var report: String {
            let push = Percentiles(latenciesMs)
            let direct = Percentiles(emulatorMs)
            return """
                Real-time push latency (PUT assignment → event created in the emulator), \(latenciesMs.count) writes at \(rate)/s:
                  push      p50 \(f(push.p50)) ms   p99 \(f(push.p99)) ms   max \(f(push.max)) ms\(missing > 0 ? "   MISSING \(missing)" : "")
                  emulator  p50 \(f(direct.p50)) ms   p99 \(f(direct.p99)) ms   (a direct POST /users/{id}/events)
                  p99 above the emulator's own: \(f(push.p99 - direct.p99)) ms (target ≤ 50 ms)

                """
        }

        func f(_ x: Double) -> String { String(format: "%.2f", x) }
    }

    func run() async throws -> Result {
        let emulator = GraphEmulator(tenant: BenchWorld.tenant(users: mailboxes), zones: .bundled)
        let created = TimeBook()
        // Notes the moment the emulator answers 201 to a create, keyed by CalSync's tag.
        let recording = ClosureResponder { request in
            let response = await emulator.respond(to: request)
            if request.method == .post, response.status == 201, request.path.hasSuffix("/events"),
                let tag = Self.tag(in: request.body)
            {
                created.note(tag, DispatchTime.now().uptimeNanoseconds)
            }
            return response
        }
        let graph = HTTPServer(configuration: Self.loopback(), responder: recording)
        let graphPort = try graph.start()
        defer { Task { await graph.shutdown(timeout: 1) } }

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-push-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let store = try CalSyncStore(path: path)
        let integration = Integration(
            id: "bench", name: "Bench", tenantId: BenchWorld.tenantId, clientId: BenchWorld.clientId,
            clientSecret: Secret(BenchWorld.secret), graphBaseURL: "http://127.0.0.1:\(graphPort)/v1.0",
            authorityHost: "http://127.0.0.1:\(graphPort)", createdAt: Date())
        try await store.saveIntegration(integration)
        for instructor in BenchWorld.instructors(mailboxes) { try await store.saveInstructor(instructor) }
        let start = Date().addingTimeInterval(86_400)
        for k in 0..<writes {
            let begin = start.addingTimeInterval(Double(k) * 3_600)
            try await store.saveTrainingEvent(
                TrainingEvent(
                    id: "t-\(k)", title: "Session \(k)", start: begin,
                    end: begin.addingTimeInterval(1_800), timeZone: "UTC"))
        }
        let transport = CurlTransport(maxConnections: 16)
        let providers = ProviderRegistry.standard(transport: transport, coalescesRequests: false)
        let engine = SyncEngine(store: store, providers: providers, logger: .silent)
        _ = await engine.runCycle()  // match everyone; the timer is not started, so only the real-time path pushes
        let metrics = MetricsRegistry()
        let controller = SyncController(engine: engine, store: store, interval: 3_600, metrics: metrics)
        let token = "bench-scheduler-token-" + UUID().uuidString
        let api = CalSyncAPI.server(
            APIContext(store: store, sync: controller, metrics: metrics, vocabularies: providers.vocabularies),
            authenticator: Authenticator(tokens: [.init(Secret(token), role: .scheduler)]), logger: .silent)
        let apiServer = HTTPServer(configuration: Self.loopback(), responder: api)
        let apiPort = try apiServer.start()
        defer { Task { await apiServer.shutdown(timeout: 1) } }

        let client = CurlTransport(maxConnections: 32)
        let sent = TimeBook()
        let began = DispatchTime.now().uptimeNanoseconds
        await withTaskGroup(of: Void.self) { group in
            for k in 0..<writes {
                let due = began + UInt64(Double(k) / Double(rate) * 1e9)
                let now = DispatchTime.now().uptimeNanoseconds
                if due > now { try? await Task.sleep(nanoseconds: due - now) }
                let instructor = BenchWorld.instructorId(k % mailboxes)
                let tag = "calsync|bench|event|t-\(k)|\(instructor)"
                group.addTask {
                    let url = URL(string: "http://127.0.0.1:\(apiPort)/v1/events/t-\(k)/instructors/\(instructor)")!
                    sent.note(tag, DispatchTime.now().uptimeNanoseconds)
                    _ = try? await client.send(
                        HTTPClientRequest(method: .put, url: url, headers: ["Authorization": "Bearer \(token)"]))
                }
            }
        }
        for _ in 0..<300 where created.count < writes { try await Task.sleep(for: .milliseconds(100)) }
        await controller.stop()
        let (starts, ends) = (sent.snapshot, created.snapshot)
        let latencies = starts.compactMap { tag, t0 in ends[tag].map { Double($0 - min($0, t0)) / 1e6 } }
        let direct = try await emulatorLatency(emulator: emulator, port: graphPort, client: client, count: min(writes, 300))
        return Result(latenciesMs: latencies, emulatorMs: direct, missing: writes - latencies.count, rate: rate)
    }

    /// Round trips of direct creates against the emulator (its own latency), sequential.
    func emulatorLatency(emulator: GraphEmulator, port: Int, client: CurlTransport, count: Int) async throws -> [Double] {
        let token = try emulator.issueAccessToken(clientId: BenchWorld.clientId)
        var samples: [Double] = []
        for k in 0..<count {
            let url = URL(string: "http://127.0.0.1:\(port)/v1.0/users/\(BenchWorld.userId(k % mailboxes))/events")!
            let body =
                #"{"subject":"direct \#(k)","start":{"dateTime":"2030-01-01T09:00:00","timeZone":"UTC"},"end":{"dateTime":"2030-01-01T10:00:00","timeZone":"UTC"}}"#
            let t0 = DispatchTime.now().uptimeNanoseconds
            let response = try await client.send(
                HTTPClientRequest(
                    method: .post, url: url, headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
                    body: Data(body.utf8)))
            guard response.status == 201 else { throw BenchError("direct create answered \(response.status)") }
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        return samples
    }

    static func loopback() -> HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.maxConnections = 4_096
        return configuration
    }

    static func tag(in body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let properties = object["singleValueExtendedProperties"] as? [[String: Any]]
        else { return nil }
        return properties.first?["value"] as? String
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
