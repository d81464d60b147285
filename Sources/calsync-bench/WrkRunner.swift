import ChildProcessKit
import Foundation

/// Runs wrk (Debian's package) and reads its figures.
struct WrkRunner {
    let seconds: Int
    var threads = 2
    var connections = 64

    struct Figures {
        let label: String
        let requestsPerSecond: Double
        let p50Ms: Double
        let p99Ms: Double
        let non2xx: Int

        var line: String {
            String(format: "%9.0f req/s   p50 %6.2f ms   p99 %6.2f ms", requestsPerSecond, p50Ms, p99Ms)
                + (non2xx > 0 ? "   NON-2xx \(non2xx)" : "")
        }
    }

    func run(url: String, script: String?, seconds: Int) async throws -> Figures {
        var arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency"]
        var scriptPath: String?
        if let script {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).lua").path
            try script.write(toFile: path, atomically: true, encoding: .utf8)
            arguments += ["-s", path]
            scriptPath = path
        }
        defer { if let scriptPath { try? FileManager.default.removeItem(atPath: scriptPath) } }
        let output: String
        do {
            output = try await ChildProcess.run("/usr/bin/wrk", arguments + [url]).output
        } catch {
            throw BenchError("wrk is not installed (apt-get install -y wrk): \(error)")
        }
        return Figures(
            label: "wrk -t\(threads) -c\(connections) -d\(seconds)s",
            requestsPerSecond: Self.number(after: "Requests/sec:", in: output) ?? 0,
            p50Ms: Self.latency(percent: "50%", in: output) ?? .nan,
            p99Ms: Self.latency(percent: "99%", in: output) ?? .nan,
            non2xx: Int(Self.number(after: "Non-2xx or 3xx responses:", in: output) ?? 0))
    }

    static func number(after label: String, in text: String) -> Double? {
        guard let line = text.split(separator: "\n").first(where: { $0.contains(label) }) else { return nil }
        return Double(line.replacingOccurrences(of: label, with: "").trimmingCharacters(in: .whitespaces))
    }

    /// wrk prints latencies like `99%    2.34ms` (also us and s).
    static func latency(percent: String, in text: String) -> Double? {
        guard
            let line = text.split(separator: "\n").first(where: {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix(percent + " ")
            })
        else { return nil }
        let value = line.split(separator: " ").last.map(String.init) ?? ""
        for (unit, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where value.hasSuffix(unit) {
            return Double(value.dropLast(unit.count)).map { $0 * factor }
        }
        return nil
    }
}
