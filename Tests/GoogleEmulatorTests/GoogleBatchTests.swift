import CalSyncHTTP
import CalSyncTesting
import Foundation
import GoogleEmulator
import Testing

@Suite struct GoogleBatchTests {
    /// One part of a multipart answer: its Content-ID, inner status line, headers and JSON body.
    struct Part {
        var contentId: String?
        var statusLine: String
        var status: Int
        var headers: [String: String]
        var json: JSONValue
    }

    /// Reads a multipart/mixed answer the way google-api-python-client does (boundary from the Content-Type, CRLF).
    static func parts(_ reply: GoogleHarness.Reply) throws -> [Part] {
        let contentType = try #require(reply.header("Content-Type"))
        #expect(contentType.hasPrefix("multipart/mixed; boundary="))
        let boundary = String(contentType.dropFirst("multipart/mixed; boundary=".count))
        let sections = reply.text.components(separatedBy: "--\(boundary)")
        #expect(sections.last == "--\r\n")
        return try sections.dropFirst().dropLast().map { section in
            let blocks = section.components(separatedBy: "\r\n\r\n")
            #expect(blocks.count >= 3)
            let outer = blocks[0].components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(outer.contains("Content-Type: application/http"))
            let contentId = outer.first { $0.hasPrefix("Content-ID: ") }.map { String($0.dropFirst("Content-ID: ".count)) }
            let inner = blocks[1].components(separatedBy: "\r\n")
            var headers: [String: String] = [:]
            for line in inner.dropFirst() {
                let pair = line.split(separator: ":", maxSplits: 1)
                headers[String(pair[0]).lowercased()] = pair[1].trimmingCharacters(in: .whitespaces)
            }
            let body = blocks.dropFirst(2).joined(separator: "\r\n\r\n")
            // "\r\n" is one Character: cut bytes, not characters.
            let trimmed = body.hasSuffix("\r\n") ? String(decoding: body.utf8.dropLast(2), as: UTF8.self) : body
            let status = try #require(Int(inner[0].split(separator: " ")[1]))
            #expect(Int(headers["content-length"] ?? "") == trimmed.utf8.count)
            return Part(
                contentId: contentId, statusLine: inner[0], status: status, headers: headers,
                json: trimmed.isEmpty ? .null : try JSONValue.parse(Data(trimmed.utf8)))
        }
    }

    /// A batch body as Google's Python client writes it: bare LF, a quoted boundary with `=`, `<uuid + n>` ids.
    static func body(_ requests: [(method: String, path: String, body: String?, token: String?)], boundary: String) -> String {
        var text = ""
        for (index, request) in requests.enumerated() {
            text += "--\(boundary)\nContent-Type: application/http\nMIME-Version: 1.0\nContent-Transfer-Encoding: binary\n"
            text += "Content-ID: <0b4d2c4e-9f1a-4e8a-9c3d-5a6b7c8d9e0f + \(index + 1)>\n\n"
            text +=
                "\(request.method) \(request.path) HTTP/1.1\nContent-Type: application/json\nMIME-Version: 1.0\naccept: application/json\n"
            if let token = request.token { text += "authorization: Bearer \(token)\n" }
            text += "Host: 127.0.0.1:8092\n"
            if let body = request.body { text += "content-length: \(body.utf8.count)\n\n\(body)\n" } else { text += "\n\n" }
        }
        return text + "--\(boundary)--"
    }

    static let boundary = "===============4762091412317001291=="

    func send(_ h: GoogleHarness, _ body: String, token: String?, boundary: String = GoogleBatchTests.boundary) async
        -> GoogleHarness.Reply
    {
        await h.send(
            .post, "/batch/calendar/v3", body: body, token: token,
            headers: ["Content-Type": "multipart/mixed; boundary=\"\(boundary)\""])
    }

    @Test func thePythonClientsCaptureIsAnsweredPartByPart() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        #expect(
            await h.send(
                .post, GoogleHarness.events,
                body: #"{"id":"abc12345","summary":"before","start":{"date":"2026-03-10"},"end":{"date":"2026-03-11"}}"#,
                token: token
            ).status == 200)
        let capture = try String(
            contentsOf: Fixtures.url("google/batch-request-python-client-capture.txt"),
            encoding: .utf8
        )
        .replacingOccurrences(of: "Bearer ya29.x", with: "Bearer \(token)")
        let reply = await send(h, capture, token: token)
        #expect(reply.status == 200)
        let parts = try Self.parts(reply)
        #expect(
            parts.map(\.contentId) == [
                "<response-8636b849-3b62-4dcf-8721-c7fb7c98ff56 + 1>", "<response-8636b849-3b62-4dcf-8721-c7fb7c98ff56 + 2>",
            ])
        #expect(parts.map(\.statusLine) == ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK"])
        #expect(parts[0].json["summary"] == "x")
        #expect(parts[1].json["summary"] == "x")
        #expect(parts[0].headers["content-type"] == "application/json; charset=UTF-8")
        let stats = h.emulator.stats()
        #expect(stats.batches == 1)
        #expect(stats.largestBatch == 2)
        #expect(stats.count(route: "PATCH /calendar/v3/calendars/{calendarId}/events/{eventId} (batch part)", status: 200) == 1)
        #expect(stats.count(route: "POST /batch/calendar/v3", status: 200) == 1)
        #expect(stats.person(GoogleHarness.ada).requests == 3)  // the insert and two parts
    }

    @Test func eachPartHasItsOwnStatusInOrder() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        let event = #"{"id":"b0000000001","start":{"date":"2026-03-10"},"end":{"date":"2026-03-11"}}"#
        let home =
            #"{"eventType":"workingLocation","visibility":"public","transparency":"transparent","start":{"date":"2026-03-10"},"end":{"date":"2026-03-11"}}"#
        let body = Self.body(
            [
                ("POST", "/calendar/v3/calendars/primary/events?sendUpdates=none&alt=json", event, token),
                ("POST", "/calendar/v3/calendars/primary/events?alt=json", event, token),
                ("DELETE", "/calendar/v3/calendars/primary/events/nosuchevent00?alt=json", nil, token),
                ("GET", "/calendar/v3/calendars/primary/events/b0000000001?alt=json", nil, token),
                ("POST", "/calendar/v3/calendars/primary/events?alt=json", home, token),
                ("GET", "/calendar/v3/calendars/primary/events/b0000000001", nil, try h.token(GoogleHarness.grace)),
                ("GET", "/admin/directory/v1/users?customer=my_customer", nil, token),
                ("GET", "/calendar/v3/calendars/primary?alt=json", nil, nil),
            ], boundary: "batch_abc")
        let reply = await send(h, body, token: nil, boundary: "batch_abc")
        let parts = try Self.parts(reply)
        #expect(parts.map(\.status) == [200, 409, 404, 200, 400, 404, 404, 401])
        #expect(parts[1].json == (try GoogleHarness.fixture("error-409-duplicate.json")))
        #expect(parts[2].statusLine == "HTTP/1.1 404 Not Found")
        #expect(parts[3].json["id"] == "b0000000001")
        #expect(parts[4].json["error"]?["message"] == "Working location events cannot be created or updated in a batch request.")
        #expect(parts.map(\.contentId).allSatisfy { $0?.hasPrefix("<response-0b4d2c4e-9f1a-4e8a-9c3d-5a6b7c8d9e0f + ") == true })
        // The batch's own token serves parts without one.
        let outer = await send(
            h, Self.body([("GET", "/calendar/v3/calendars/primary", nil, nil)], boundary: Self.boundary), token: token)
        #expect(try Self.parts(outer).first?.json["id"] == "ada@fabrikam.example")
        #expect(h.emulator.stats().person(GoogleHarness.ada).duplicates409 == 1)
    }

    @Test func crlfLineEndingsWorkAsWellAsBareLF() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        let patch = #"{"summary":"renamed\r\nover two lines"}"#
        let body = Self.body(
            [
                ("PATCH", "/calendar/v3/calendars/primary/events/standup0001", patch, token),
                ("GET", "/calendar/v3/calendars/primary", nil, token),
            ], boundary: "crlf_boundary"
        ).replacingOccurrences(of: "\n", with: "\r\n")
        let parts = try Self.parts(await send(h, body, token: token, boundary: "crlf_boundary"))
        #expect(parts.map(\.status) == [200, 200])
        #expect(parts[0].json["summary"] == "renamed\r\nover two lines")
        #expect(parts[1].json["timeZone"] == "Europe/Zurich")
    }

    @Test func malformedBatchesAre400() async throws {
        var configuration = GoogleEmulatorConfiguration()
        configuration.maxBatchParts = 2
        let h = try GoogleHarness(configuration: configuration)
        let token = try h.token()
        let get = ("GET", "/calendar/v3/calendars/primary", String?.none, String?.some(token))
        let three = Self.body([get, get, get], boundary: Self.boundary)
        let tooMany = await send(h, three, token: token)
        #expect(tooMany.status == 400)
        #expect(tooMany.message == "A batch request cannot hold more than 2 calls.")
        let json = await h.send(.post, "/batch/calendar/v3", body: "{}", token: token)
        #expect(json.status == 400)
        let unclosed = await send(h, String(Self.body([get], boundary: Self.boundary).dropLast(2)), token: token)
        #expect(unclosed.status == 400)
        let empty = await send(h, "--\(Self.boundary)--", token: token)
        #expect(empty.status == 400)
        let notHTTP = await send(
            h, "--\(Self.boundary)\nContent-Type: text/plain\n\nGET / HTTP/1.1\n\n--\(Self.boundary)--", token: token)
        #expect(notHTTP.status == 400)
        #expect(await h.send(.get, "/batch/calendar/v3", token: token).status == 404)
    }
}
