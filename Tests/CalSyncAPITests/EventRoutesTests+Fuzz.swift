import CalSyncHTTP
import Foundation
import Testing

// MARK: - No input yields a 500

extension EventRoutesTests {
    @Test func oddValuesInAnyFieldNeverFail() async throws {
        let api = try await seededPeople()
        var failures: [String] = []
        let fields = ["title", "start", "end", "timeZone", "location", "description", "status", "instructorIds", "x"]
        for field in fields {
            for (index, value) in FuzzValues.all.enumerated() {
                var body = body(["i-1", "i-2", "i-3"])
                body[field] = value
                let reply = await api.send(.put, "/v1/events/e-\(index)", json: body, token: .scheduler)
                if !FuzzValues.acceptable.contains(reply.status) { failures.append("\(field)#\(index): \(reply.status)") }
                if reply.status < 300, await api.send(.get, "/v1/events/e-\(index)", token: .reader).status != 200 {
                    failures.append("\(field)#\(index): not readable")
                }
            }
        }
        #expect(failures.isEmpty)
    }

    @Test func instantsAtTheEdgesOfTheCalendarAreRefused() async throws {
        let api = try await seededPeople()
        for (start, end) in [
            ("9999-12-31T20:00:00-23:00", "9999-12-31T23:00:00-23:00"),
            ("0001-01-01T00:00:00+14:00", "0001-01-01T05:00:00+14:00"),
            ("1969-12-31T20:00:00Z", "1970-01-01T02:00:00Z"),
        ] {
            var body = body(["i-1"])
            body["start"] = start
            body["end"] = end
            let reply = await api.send(.put, "/v1/events/e-edge", json: body, token: .scheduler)
            #expect(reply.status == 422, "\(start)")
        }
        var fine = body(["i-1"])
        fine["start"] = "8999-12-31T10:00:00+14:00"
        fine["end"] = "8999-12-31T12:00:00+14:00"
        #expect(await api.send(.put, "/v1/events/e-far", json: fine, token: .scheduler).status == 201)
    }
}
