import CalSyncHTTP
import Foundation
import Testing

/// A responder sees the connection a request came on: the same context for every request of one keep-alive
/// connection (what NTLM needs), another for another connection, and what it stored stays with its connection.
@Suite struct HTTPConnectionContextTests {
    /// Answers `<connection id> <count stored on the connection before this request>` and counts the request.
    static let counting = ClosureResponder { request in
        guard let connection = request.connection else { return .text(500, "no connection") }
        let seen = connection.value("seen", as: Int.self) ?? 0
        connection.setValue(seen + 1, for: "seen")
        return .text(200, "\(connection.id) \(seen)")
    }

    @Test func requestsOfOneConnectionShareItsContextAndAnotherConnectionHasItsOwn() async throws {
        try await withServer(responder: Self.counting) { _, port in
            let texts = try await onThread {
                let first = try TestClient(port: port)
                try first.send(rawGET("/a"))
                let a = try first.readResponse().text
                try first.send(rawGET("/b"))
                let b = try first.readResponse().text
                let second = try TestClient(port: port)
                try second.send(rawGET("/c"))
                return [a, b, try second.readResponse().text]
            }
            let parts = texts.map { $0.split(separator: " ").map(String.init) }
            #expect(parts[0][0] == parts[1][0])
            #expect(parts[0][1] == "0" && parts[1][1] == "1")
            #expect(parts[2][0] != parts[0][0])
            #expect(parts[2][1] == "0")
        }
    }

    @Test func inProcessRequestsHaveNoConnectionUnlessGivenOne() {
        #expect(HTTPRequest(method: .get, target: "/").connection == nil)
        let context = HTTPConnectionContext()
        #expect(HTTPRequest(method: .get, target: "/", connection: context).connection === context)
        #expect(HTTPConnectionContext().id != context.id)
    }
}
