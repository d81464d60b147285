import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncAPI

/// The router splits the path as sent, then decodes each segment: an encoded `/` (`%2F`) is part of an id, never a
/// separator that would reach another route (found by schemathesis-style path fuzzing).
@Suite struct RouterEncodedPathTests {
    static var event: [String: Any] {
        ["title": "Excel", "start": "2026-03-02T09:00:00+01:00", "end": "2026-03-02T10:00:00+01:00", "timeZone": "UTC"]
    }

    @Test func anEncodedSlashInAnIdDoesNotReachTheAssignmentRoute() async throws {
        let h = try APITestHarness()
        #expect(await h.send(.put, "/v1/events/a", json: Self.event, token: .scheduler).status == 201)
        // `PUT /v1/events/{id}` with the id "a/instructors/b": not a scheduler id (422), not an assignment of b to a.
        let put = await h.send(.put, "/v1/events/a%2Finstructors%2Fb", json: Self.event, token: .scheduler)
        #expect(put.status == 422)
        #expect(put.errorField == "id")
        let event = await h.send(.get, "/v1/events/a", token: .reader)
        #expect(event.json["instructorIds"] as? [String] == [])
        // `PATCH /v1/integrations/{id}` with the id "x/initialize": an unknown integration, not a 405 of another route.
        #expect(await h.send(.patch, "/v1/integrations/x%2Finitialize", json: [String: Any]()).status == 404)
        #expect(await h.send(.get, "/v1/instructors%2F", token: .reader).status == 404)
    }

    @Test func otherEscapesAreDecodedPerSegment() async throws {
        let h = try APITestHarness()
        #expect(await h.send(.put, "/v1/events/a", json: Self.event, token: .scheduler).status == 201)
        #expect(await h.send(.get, "/v1/events/%61", token: .reader).status == 200)
        #expect(await h.send(.get, "/%761/events/a", token: .reader).status == 200)
        #expect(await h.send(.get, "/v1/events/%zz", token: .reader).status == 404)
        #expect(Router.decoded("a%2Fb") == "a/b")
        #expect(Router.decoded("%E2%9C%93") == "✓")
        #expect(Router.decoded("%FF") == "%FF")
    }
}
