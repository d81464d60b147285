import CalSyncHTTP
import Foundation
import Testing

/// A request body is read as JSON is defined: what JSON refuses (a trailing comma, a comment, a repeated key) is a
/// 400 that says where, and nothing is written.
@Suite struct JSONInputTests {
    @Test(arguments: [
        (
            #"{"name": "Anna", "email": "anna@contoso.example",}"#,
            "line 1, column 49: a trailing comma before } (JSON allows none)"
        ),
        (
            "{\"name\": \"Anna\",\n // who\n \"email\": \"anna@contoso.example\"}",
            "line 2, column 2: a comment (JSON allows none)"
        ),
        (
            #"{"name": "Anna", "name": "Ann", "email": "anna@contoso.example"}"#,
            #"line 1, column 18: the key "name" appears twice in this object"#
        ),
    ])
    func whatJSONRefusesIsA400ThatSaysWhere(body: String, place: String) async throws {
        let api = try APITestHarness()
        let reply = await api.send(.put, "/v1/instructors/i-1", rawBody: body, token: .scheduler)
        #expect(reply.status == 400)
        #expect(reply.errorCode == "malformed_request")
        let message = (reply.json["error"] as? [String: Any])?["message"] as? String
        #expect(message == "The body is not well-formed JSON at \(place).")
        #expect(await api.send(.get, "/v1/instructors/i-1", token: .reader).status == 404)
    }
}
