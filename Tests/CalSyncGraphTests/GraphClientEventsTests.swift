import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import Foundation
import Testing

@Suite struct GraphClientEventsTests {
    static let expectedProperties: [[String: String]] = [
        ["id": "String {6B5C8D0F-2A1E-4C3B-9F7E-CA15C0DE5EC1} Name CalSyncItem", "value": "calsync|int-1|training|T-42|I-7"]
    ]

    @Test func createSendsTheDocumentedBodyWithoutAttendees() async throws {
        let transport = ScriptedTransport(graph: [.fixture("event-created.json", status: 201)])
        let client = try TestIntegration.client(transport)
        let id = try await client.createEvent(userId: "u/1", event: .sample(), transactionId: "7E163156-7762-4BEB")
        #expect(id == "AAMkAGI1AAAt9AHjAAA=")

        let request = try #require(transport.graphRequests.first)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://graph.microsoft.com/v1.0/users/u%2F1/events")
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(request.headers["Prefer"] == #"IdType="ImmutableId", outlook.timezone="UTC""#)

        let json = request.jsonBody
        #expect(
            Set(json.keys) == [
                "subject", "body", "location", "start", "end", "isAllDay", "showAs", "isReminderOn", "categories",
                "transactionId", "singleValueExtendedProperties",
            ])
        #expect(json["attendees"] == nil)
        #expect(json["subject"] as? String == "Training: Swift Basics")
        #expect(json["body"] as? [String: String] == ["contentType": "text", "content": "Managed by CalSync. Do not edit."])
        #expect(json["location"] as? [String: String] == ["displayName": "Room 4 'B'"])
        // IANA zones go out as the Windows names every mailbox accepts.
        #expect(json["start"] as? [String: String] == ["dateTime": "2026-03-10T09:00:00", "timeZone": "W. Europe Standard Time"])
        #expect(json["end"] as? [String: String] == ["dateTime": "2026-03-10T17:00:00", "timeZone": "W. Europe Standard Time"])
        #expect(json["isAllDay"] as? Bool == false)
        #expect(json["showAs"] as? String == "busy")
        #expect(json["isReminderOn"] as? Bool == false)
        #expect(json["categories"] as? [String] == ["CalSync"])
        #expect(json["transactionId"] as? String == "7E163156-7762-4BEB")
        #expect(json["singleValueExtendedProperties"] as? [[String: String]] == Self.expectedProperties)
    }

    @Test func theCreateBodyIsDeterministic() async throws {
        let transport = ScriptedTransport(graph: [
            .json(201, #"{"id":"e1"}"#), .json(201, #"{"id":"e1"}"#),
        ])
        let client = try TestIntegration.client(transport)
        _ = try await client.createEvent(userId: "u", event: .sample(), transactionId: "tx")
        _ = try await client.createEvent(userId: "u", event: .sample(), transactionId: "tx")
        let bodies = transport.graphRequests.map(\.body)
        #expect(bodies[0] == bodies[1])
    }

    @Test func noLocationMeansNoLocationField() async throws {
        let transport = ScriptedTransport(graph: [.json(201, #"{"id":"e1"}"#)])
        var event = OutgoingEvent.sample(location: nil)
        event.time = .allDay(first: LocalDate(year: 2026, month: 3, day: 10)!, end: LocalDate(year: 2026, month: 3, day: 12)!)
        event.showAs = .oof
        _ = try await TestIntegration.client(transport).createEvent(userId: "u", event: event, transactionId: "tx")
        let json = try #require(transport.graphRequests.first).jsonBody
        #expect(json["location"] == nil)
        #expect(json["isAllDay"] as? Bool == true)
        #expect(json["showAs"] as? String == "oof")
        #expect(json["start"] as? [String: String] == ["dateTime": "2026-03-10T00:00:00", "timeZone": "W. Europe Standard Time"])
    }

    @Test func anUpdateWithoutLocationClearsThePlace() async throws {
        let transport = ScriptedTransport(graph: [.fixture("event-created.json")])
        try await TestIntegration.client(transport).updateEvent(userId: "u", eventId: "e1", event: .sample(location: nil))
        let json = try #require(transport.graphRequests.first).jsonBody
        #expect(json["location"] as? [String: String] == ["displayName": ""], "a place added in Outlook is cleared")
    }

    @Test func aCreateAnswerWithoutIdIsMalformed() async throws {
        let transport = ScriptedTransport(graph: [.json(201, #"{"subject":"x"}"#)])
        let client = try TestIntegration.client(transport)
        let error = await calendarError { _ = try await client.createEvent(userId: "u", event: .sample(), transactionId: "t") }
        #expect(error?.providerCode == "InvalidResponse")
    }

    @Test func aTimedOutCreateIsTransient() async throws {
        let transport = ScriptedTransport(graph: [.fail(HTTPTransportError(.timeout, "timed out after 30 s"))])
        let client = try TestIntegration.client(transport)
        let error = await calendarError { _ = try await client.createEvent(userId: "u", event: .sample(), transactionId: "t") }
        #expect(error?.kind == .transient)
        #expect(error?.providerCode == CalendarError.outcomeUnknownCode)
        #expect(error?.message.contains("timeout") == true)
        #expect(transport.graphRequests.count == 1)  // a create is never resent after a timeout
    }

    @Test func updateIsAPatchWithoutTransactionId() async throws {
        let transport = ScriptedTransport(graph: [.fixture("event-created.json")])
        try await TestIntegration.client(transport).updateEvent(userId: "u1", eventId: "AAMk+/=", event: .sample())
        let request = try #require(transport.graphRequests.first)
        #expect(request.method == .patch)
        #expect(request.url.absoluteString == "https://graph.microsoft.com/v1.0/users/u1/events/AAMk%2B%2F%3D")
        #expect(request.headers["Content-Type"] == "application/json")
        let json = request.jsonBody
        #expect(json["transactionId"] == nil)
        #expect(json["attendees"] == nil)
        #expect(json["subject"] as? String == "Training: Swift Basics")
        #expect(json["singleValueExtendedProperties"] as? [[String: String]] == Self.expectedProperties)
    }

    @Test func deleteOfAMissingEventIsNotFound() async throws {
        let body = #"{"error":{"code":"ErrorItemNotFound","message":"The specified object was not found in the store."}}"#
        let transport = ScriptedTransport(graph: [.status(204), .json(404, body)])
        let client = try TestIntegration.client(transport)
        try await client.deleteEvent(userId: "u", eventId: "e1")
        let error = await calendarError { try await client.deleteEvent(userId: "u", eventId: "e1") }
        #expect(error?.kind == .notFound)
        #expect(error?.providerCode == "ErrorItemNotFound")
    }

    @Test func findEventEncodesTheWholeFilter() async throws {
        let transport = ScriptedTransport(graph: [
            .json(200, #"{"value":[{"id":"found-1"},{"id":"found-2"}]}"#), .json(200, #"{"value":[]}"#),
        ])
        let client = try TestIntegration.client(transport)
        let tag = "calsync|int-1|training|T'42|I-7"
        #expect(try await client.findEvent(userId: "u1", tag: tag) == "found-1")
        #expect(try await client.findEvent(userId: "u1", tag: tag) == nil)

        let request = try #require(transport.graphRequests.first)
        #expect(
            request.url.absoluteString == "https://graph.microsoft.com/v1.0/users/u1/events?$filter="
                + "singleValueExtendedProperties%2FAny%28ep%3A%20ep%2Fid%20eq%20%27String%20%7B6B5C8D0F-2A1E-4C3B-9F7E-"
                + "CA15C0DE5EC1%7D%20Name%20CalSyncItem%27%20and%20ep%2Fvalue%20eq%20%27calsync%7Cint-1%7Ctraining%7C"
                + "T%27%2742%7CI-7%27%29&$select=id")
        let items = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        #expect(
            items.first { $0.name == "$filter" }?.value
                == "singleValueExtendedProperties/Any(ep: ep/id eq 'String {6B5C8D0F-2A1E-4C3B-9F7E-CA15C0DE5EC1} Name "
                + "CalSyncItem' and ep/value eq 'calsync|int-1|training|T''42|I-7')")
    }

    @Test func readingOneEventExpandsOurTag() async throws {
        let body = #"""
            {"id":"AAMk/1=","subject":"ignored","start":{"dateTime":"2026-03-10T08:00:00.0000000","timeZone":"UTC"},
             "end":{"dateTime":"2026-03-10T16:00:00.0000000","timeZone":"UTC"},"showAs":"busy","isAllDay":false,
             "categories":["CalSync"],"transactionId":"tx-1",
             "singleValueExtendedProperties":[{"id":"String {6b5c8d0f-2a1e-4c3b-9f7e-ca15c0de5ec1} Name CalSyncItem",
             "value":"calsync|int-1|training|T-42|I-7"}]}
            """#
        let transport = ScriptedTransport(graph: [.json(200, body)])
        let event = try await TestIntegration.client(transport).event(userId: "u1", eventId: "AAMk/1=")
        #expect(event.id == "AAMk/1=")
        #expect(event.tagValue == "calsync|int-1|training|T-42|I-7")
        #expect(event.idempotencyKey == "tx-1")
        #expect(event.categories == ["CalSync"])

        let request = try #require(transport.graphRequests.first)
        #expect(request.method == .get)
        #expect(
            request.url.absoluteString == "https://graph.microsoft.com/v1.0/users/u1/events/AAMk%2F1%3D?$expand="
                + "singleValueExtendedProperties%28%24filter%3Did%20eq%20%27String%20%7B6B5C8D0F-2A1E-4C3B-9F7E-CA15C0DE5EC1"
                + "%7D%20Name%20CalSyncItem%27%29")
    }

    @Test func anEventWithoutOurTagHasNoTagValue() async throws {
        let transport = ScriptedTransport(graph: [.fixture("event-created.json")])
        let event = try await TestIntegration.client(transport).event(userId: "u1", eventId: "AAMkAGI1AAAt9AHjAAA=")
        #expect(event.tagValue == nil)
        #expect(!event.declinedByOwner)  // "organizer"
        #expect(!event.isSeriesMaster)  // "singleInstance"
        #expect(
            event.time
                == .timed(
                    TimeRange(start: Timestamp.parse("2017-04-15T18:00:00Z")!, end: Timestamp.parse("2017-04-15T19:00:00Z")!),
                    zone: "America/Los_Angeles"))
    }

    @Test func readingADeletedEventIsNotFound() async throws {
        let transport = ScriptedTransport(graph: [.json(404, #"{"error":{"code":"ErrorItemNotFound","message":"gone"}}"#)])
        let client = try TestIntegration.client(transport)
        let error = await calendarError { _ = try await client.event(userId: "u", eventId: "e") }
        #expect(error?.kind == .notFound)
    }
}
