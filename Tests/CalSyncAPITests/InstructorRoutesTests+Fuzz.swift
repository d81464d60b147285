import CalSyncHTTP
import Foundation
import Testing

// MARK: - No input yields a 500

extension InstructorRoutesTests {
    @Test func oddValuesInAnyFieldNeverFail() async throws {
        let api = try harness()
        var failures: [String] = []
        for field in ["name", "email", "establishment", "timeZone", "unknown"] {
            for (index, value) in FuzzValues.all.enumerated() {
                var body = Self.anna
                body[field] = value
                let reply = await api.send(.put, "/v1/instructors/i-\(index)", json: body, token: .scheduler)
                if !FuzzValues.acceptable.contains(reply.status) { failures.append("\(field)#\(index): \(reply.status)") }
            }
        }
        for (index, value) in FuzzValues.all.enumerated() {
            let reply = await api.send(.put, "/v1/instructors/i-1/sync", json: ["enabled": value], token: .admin)
            if !FuzzValues.acceptable.contains(reply.status) { failures.append("enabled#\(index): \(reply.status)") }
        }
        #expect(failures.isEmpty)
        #expect(await api.send(.get, "/v1/instructors?limit=500", token: .reader).status == 200)
    }
}
