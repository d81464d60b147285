import CalSyncCore
import CalSyncHTTP
import Foundation
import GraphEmulator
import Testing

/// A push that keeps failing on the calendar service does not hide as `pending`: the operations log shows it as
/// `retrying` with its attempts and last error, `/metrics` counts it, and the status names an outage.
extension EndToEndTests {
    @Test func aPushFailingWith503OverAndOverShowsAsRetrying() async throws {
        let w = try await World()
        #expect(
            try await w.call(.put, "/v1/instructors/i-ana", #"{"name":"Ana","email":"ana@e2e.example","establishment":"paris"}"#)
                .0 == 201)
        #expect(try await w.call(.post, "/v1/sync", "{}", token: World.admin).0 == 202)
        for _ in 0..<100 where try await w.store.match(instructorId: "i-ana", integrationId: "e2e")?.status != .matched {
            try await Task.sleep(for: .milliseconds(50))
        }

        // Graph answers 503 to everything from now on.
        w.emulator.updateFaults { faults in
            faults.unavailable503 = 1
            faults.retryAfterSeconds = 0.01...0.02
        }
        let event = #"{"title":"Swift","start":"2030-01-07T09:00:00Z","end":"2030-01-07T17:00:00Z","timeZone":"UTC"}"#
        #expect(try await w.call(.put, "/v1/events/t-1", event).0 == 201)
        #expect(try await w.call(.put, "/v1/events/t-1/instructors/i-ana").0 == 200)

        var retrying: [[String: Any]] = []
        for _ in 0..<200 {
            let (status, body) = try await w.call(.get, "/v1/sync/operations?status=retrying", token: World.admin)
            try #require(status == 200)
            retrying = body["items"] as? [[String: Any]] ?? []
            if let attempts = retrying.first?["attempts"] as? Int, attempts >= 2 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let operation = try #require(retrying.first, "the failing push is listed under status=retrying")
        #expect(retrying.count == 1)
        #expect(operation["status"] as? String == "retrying")
        #expect(operation["itemId"] as? String == "t-1")
        #expect((operation["attempts"] as? Int ?? 0) >= 2)
        let error = try #require(operation["error"] as? [String: Any])
        #expect(error["httpStatus"] as? Int == 503)
        #expect(error["code"] as? String == "serviceNotAvailable")
        // It is no longer counted as merely waiting.
        let pending = try await w.call(.get, "/v1/sync/operations?status=pending", token: World.admin).1
        #expect((pending["items"] as? [Any])?.isEmpty == true)

        let metrics = try await w.text("/metrics")
        #expect(metrics.contains("calsync_operations{status=\"retrying\"} 1\n"), "\(metrics)")
        #expect(metrics.contains("calsync_operations{status=\"pending\"} 0\n"))

        let status = try await w.call(.get, "/v1/sync/status", token: World.admin).1
        let diagnosis = (status["integrations"] as? [[String: Any]])?.first?["diagnosis"] as? String ?? ""
        #expect(diagnosis.hasPrefix("outage of the calendar service"), "\(diagnosis)")
        let lastError = (status["integrations"] as? [[String: Any]])?.first?["lastError"] as? [String: Any]
        #expect(lastError?["code"] as? String == "serviceNotAvailable", "the retrying push's error is the last error")

        // The service recovers: the same operation goes through on its own.
        w.emulator.updateFaults { $0.unavailable503 = 0 }
        #expect(try await w.waitForPushed(1).count == 1)
        var left: [Any] = [1]
        for _ in 0..<100 where !left.isEmpty {
            left = try await w.call(.get, "/v1/sync/operations?status=retrying", token: World.admin).1["items"] as? [Any] ?? []
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(left.isEmpty)
        #expect(try await w.text("/metrics").contains("calsync_operations{status=\"retrying\"} 0\n"))
        await w.stop()
    }
}

extension EndToEndTests.World {
    /// The body of a GET as text (admin token).
    func text(_ path: String) async throws -> String {
        let response = try await client.send(
            HTTPClientRequest(method: .get, url: URL(string: base + path)!, headers: ["Authorization": "Bearer \(Self.admin)"]))
        return String(decoding: response.body, as: UTF8.self)
    }
}
