import CalSyncCore
import CalSyncHTTP
import ChildProcessKit
import Foundation
import GraphEmulator

/// The emulator child process (`ScaleEmulatorChild`) seen from the benchmark: started, its READY line
/// read, its side door (`/_emulator/…`) called over a transport of its own (never counted as Graph
/// round trips), stopped at the end.
final class ScaleEmulatorProcess: @unchecked Sendable {
    // @unchecked Sendable: `process` is set in init and only read afterwards.
    private let process: ChildProcess
    let port: Int
    let seedSeconds: Double
    let capacityPerSecond: Double
    private let sideDoor = CurlTransport(maxConnections: 16)

    init(instructors: Int, latencyMs: Int) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["CALSYNC_BENCH_SECRET"] = BenchWorld.secret
        let process = try ChildProcess(
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path,
            ["emulator-child", "--instructors", "\(instructors)", "--latency-ms", "\(latencyMs)"],
            environment: environment, standardOutput: .pipe)
        self.process = process
        let output = process.output!
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.availableData
            guard !chunk.isEmpty else { throw BenchError("the emulator process ended before it was ready") }
            line.append(chunk)
        }
        var fields: [String: String] = [:]
        for part in String(decoding: line, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let port = fields["port"].flatMap(Int.init) else { throw BenchError("unexpected emulator output: \(line)") }
        self.port = port
        self.seedSeconds = fields["seedSeconds"].flatMap(Double.init) ?? 0
        self.capacityPerSecond = fields["capacityPerSecond"].flatMap(Double.init) ?? 0
    }

    var pid: Int32 { process.pid }
    var baseURL: String { "http://127.0.0.1:\(port)/v1.0" }

    func stop() {
        process.signal(SIGTERM)
        process.waitUntilExit()
    }

    /// Adds an event to a person's calendar as their own client would.
    func addEvent(userId: String, _ json: EmulatorJSON) async throws {
        let response = try await call(.post, "/_emulator/users/\(userId)/events", body: json.data)
        guard response.status == 201 else { throw BenchError("adding an event answered \(response.status)") }
    }

    /// The emulator's throttling report: the most requests in flight for one mailbox, and how many
    /// requests came before a `Retry-After` had elapsed.
    func throttling() async throws -> (maxInFlightPerMailbox: Int, earlyRequests: Int, throttled: Int) {
        let json = try JSONValue.parse(try await call(.get, "/_emulator/throttling").body)
        let maxima = json["maxInFlightPerMailbox"]?.objectValue?.values.compactMap(\.intValue) ?? []
        let faults = json["faultsInjected"]?.objectValue ?? [:]
        return (maxima.max() ?? 0, json["earlyRequestCount"]?.intValue ?? 0, faults["mailboxConcurrency429"]?.intValue ?? 0)
    }

    func resetThrottling() async throws {
        _ = try await call(.post, "/_emulator/throttling/reset")
    }

    private func call(_ method: HTTPMethod, _ path: String, body: Data? = nil) async throws -> HTTPClientResponse {
        var headers = HTTPHeaders()
        if body != nil { headers["Content-Type"] = "application/json" }
        return try await sideDoor.send(
            HTTPClientRequest(
                method: method, url: URL(string: "http://127.0.0.1:\(port)\(path)")!, headers: headers, body: body))
    }
}
