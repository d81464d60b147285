import CalSyncCore
import CalSyncHTTP
import Foundation
import GraphEmulator

/// `calsync-bench emulator-child --instructors N --latency-ms L`: the benchmark's Graph emulator in a
/// process of its own, so the worker's RSS and CPU are measured alone. Seeds the tenant, measures its
/// own capacity (in-process, no latency: an idle delta request, the worker's commonest call), then
/// serves on a loopback port and prints one line: `READY port=… seedSeconds=… capacityPerSecond=…`.
enum ScaleEmulatorChild {
    static func run(instructors: Int, latencyMs: Int) async throws -> Never {
        let today = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        let seedStart = Date()
        var settings = EmulatorConfiguration()
        settings.maxDeltaTokens = instructors * 4 + 1_000
        let emulator = GraphEmulator(
            tenant: ScaleTenant.tenant(users: instructors, today: today), configuration: settings,
            zones: .bundled)
        let seedSeconds = Date().timeIntervalSince(seedStart)
        let capacity = try await measureCapacity(emulator, today: today, users: instructors)
        emulator.updateFaults { $0.addedLatencyMs = latencyMs }
        var configuration = PushLatencyBenchmark.loopback()
        configuration.loopCount = 2
        let server = HTTPServer(configuration: configuration, responder: emulator)
        let port = try server.start()
        let ready = "READY port=\(port) seedSeconds=\(String(format: "%.2f", seedSeconds)) capacityPerSecond=\(Int(capacity))\n"
        FileHandle.standardOutput.write(Data(ready.utf8))
        while server.port > 0 { try await Task.sleep(for: .seconds(3_600)) }  // keeps the server alive until killed
        exit(0)
    }

    /// Idle delta requests per second the emulator answers in-process (4 callers, no added latency).
    static func measureCapacity(_ emulator: GraphEmulator, today: Date, users: Int) async throws -> Double {
        let token = try emulator.issueAccessToken(clientId: BenchWorld.clientId)
        let probes = min(users, 500)
        let window =
            "startDateTime=\(Timestamp.format(today))&endDateTime=\(Timestamp.format(today.addingTimeInterval(30 * 86_400)))"
        @Sendable func get(_ target: String) async -> HTTPResponse {
            await Self.get(target, emulator: emulator, token: token)
        }
        // One initial round per probe user gives each a deltaLink; the measured requests follow them.
        var links: [String] = []
        for i in 0..<probes {
            let reply = await get("/v1.0/users/\(BenchWorld.userId(i))/calendarView/delta?\(window)")
            guard let json = try? JSONValue.parse(reply.body), let link = json["@odata.deltaLink"]?.stringValue,
                let url = URL(string: link)
            else { throw BenchError("the emulator did not end an initial round for user \(i)") }
            links.append(url.path(percentEncoded: true) + "?" + (url.query(percentEncoded: true) ?? ""))
        }
        let rounds = 8
        let initial = links
        let started = DispatchTime.now().uptimeNanoseconds
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<4 {
                group.addTask {
                    var own: [String] = initial.enumerated().filter { $0.offset % 4 == lane }.map(\.element)
                    for _ in 0..<rounds {
                        for (index, link) in own.enumerated() {
                            let reply = await get(link)
                            guard let json = try? JSONValue.parse(reply.body), let next = json["@odata.deltaLink"]?.stringValue,
                                let url = URL(string: next)
                            else { throw BenchError("an idle delta round failed (HTTP \(reply.status))") }
                            own[index] = url.path(percentEncoded: true) + "?" + (url.query(percentEncoded: true) ?? "")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return Double(probes * rounds) / seconds
    }

    static func get(_ target: String, emulator: GraphEmulator, token: String) async -> HTTPResponse {
        var headers = HTTPHeaders()
        headers["Host"] = "127.0.0.1"
        headers["Authorization"] = "Bearer \(token)"
        headers["Prefer"] = "odata.maxpagesize=100"
        return await emulator.respond(to: HTTPRequest(method: .get, target: target, headers: headers))
    }
}
