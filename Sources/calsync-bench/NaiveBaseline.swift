import CalSyncCore
import CalSyncHTTP
import Foundation

/// The naive way, for comparison: every cycle, one `calendarView` GET per person for the whole window
/// (no delta, no `$batch`), with the same bound on concurrent connections as CalSync. It really asks the
/// emulator and reads each answer; it stores nothing (which only flatters it).
struct NaiveBaseline {
    let transport: any HTTPTransport
    let baseURL: String
    let token: String
    let people: Int
    let window: TimeRange
    let concurrency: Int

    /// One cycle; returns the events read.
    func cycle() async throws -> Int {
        let query = "startDateTime=\(Timestamp.format(window.start))&endDateTime=\(Timestamp.format(window.end))&$top=1000"
        return try await withThrowingTaskGroup(of: Int.self) { group in
            var next = 0
            func startNext() {
                guard next < people else { return }
                let url = URL(string: "\(baseURL)/users/\(BenchWorld.userId(next))/calendarView?\(query)")!
                next += 1
                group.addTask { try await read(url) }
            }
            for _ in 0..<concurrency { startNext() }
            var events = 0
            while let count = try await group.next() {
                events += count
                startNext()
            }
            return events
        }
    }

    private func read(_ url: URL) async throws -> Int {
        var headers = HTTPHeaders()
        headers["Authorization"] = "Bearer " + token
        headers["Prefer"] = #"outlook.timezone="UTC""#
        let response = try await transport.send(HTTPClientRequest(method: .get, url: url, headers: headers))
        guard response.status == 200, let page = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let value = page["value"] as? [Any]
        else { throw BenchError("calendarView answered \(response.status)") }
        return value.count
    }
}
