import CalSyncHTTP
import Foundation
import GraphEmulator
import Testing

@Suite struct AuthenticationTests {
    let view =
        "/v1.0/users/\(EmulatorHarness.jane)/calendarView?startDateTime=2025-03-01T00:00:00Z&endDateTime=2025-03-08T00:00:00Z"

    @Test func missingTokenIs401WithWWWAuthenticate() async throws {
        let h = try EmulatorHarness()
        let reply = await h.send(.get, view, headers: ["client-request-id": "abc-123"], authorized: false)
        #expect(reply.status == 401)
        #expect(reply.errorCode == "InvalidAuthenticationToken")
        #expect(reply.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        #expect(reply.header("client-request-id") == "abc-123")
        #expect(reply.header("request-id") != nil)
        #expect(reply.json["error"]?["innerError"]?["client-request-id"] == "abc-123")
        #expect(reply.json["error"]?["innerError"]?["request-id"]?.stringValue == reply.header("request-id"))
        #expect(reply.json["error"]?["innerError"]?["date"]?.stringValue?.count == 19)
    }

    @Test func unknownTokenIs401() async throws {
        let h = try EmulatorHarness()
        let reply = await h.send(.get, view, headers: ["Authorization": "Bearer a.b.c"])
        #expect(reply.status == 401)
        #expect(reply.errorCode == "InvalidAuthenticationToken")
    }

    @Test func expiredTokenIs401() async throws {
        let h = try EmulatorHarness()
        #expect(await h.get(view).status == 200)
        h.clock.advance(by: 3600)
        let reply = await h.get(view)
        #expect(reply.status == 401)
        #expect(reply.json["error"]?["message"] == "Lifetime validation failed, the token is expired.")
    }

    @Test func sideDoorExpiresEveryToken() async throws {
        let h = try EmulatorHarness()
        #expect(await h.get(view).status == 200)
        let expire = await h.send(.post, "/_emulator/tokens/expire", authorized: false)
        #expect(expire.status == 204)
        #expect(await h.get(view).status == 401)
    }

    @Test func appWithoutRolesGets403OfTheRightKind() async throws {
        let h = try EmulatorHarness()
        let bare = try h.emulator.issueAccessToken(clientId: "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f")
        let calendar = await h.send(.get, view, headers: ["Authorization": "Bearer \(bare)"])
        #expect(calendar.status == 403)
        #expect(calendar.errorCode == "ErrorAccessDenied")
        #expect(calendar.json["error"]?["message"] == "Access is denied. Check credentials and try again.")
        let users = await h.send(.get, "/v1.0/users", headers: ["Authorization": "Bearer \(bare)"])
        #expect(users.status == 403)
        #expect(users.errorCode == "Authorization_RequestDenied")
        #expect(users.json["error"]?["message"] == "Insufficient privileges to complete the operation.")
    }

    @Test func directoryOnlyAppCannotReadMailboxSettings() async throws {
        let h = try EmulatorHarness()
        let directory = try h.emulator.issueAccessToken(clientId: "d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6")
        let auth = ["Authorization": "Bearer \(directory)"]
        #expect(await h.send(.get, "/v1.0/users", headers: auth).status == 200)
        #expect(await h.send(.get, "/v1.0/users/\(EmulatorHarness.jane)/mailboxSettings", headers: auth).status == 403)
    }

    @Test func unknownSegmentsAndMethods() async throws {
        let h = try EmulatorHarness()
        let unknown = await h.get("/v1.0/groups")
        #expect(unknown.status == 400)
        #expect(unknown.errorCode == "BadRequest")
        #expect(unknown.json["error"]?["message"] == "Resource not found for the segment 'groups'.")
        let wrong = await h.send(.put, "/v1.0/users/\(EmulatorHarness.jane)/calendarView")
        #expect(wrong.status == 405)
    }
}
