import CalSyncHTTP
import Foundation
import GraphEmulator
import Testing

@Suite struct EventsTests {
    static var events: String { "/v1.0/users/\(EmulatorHarness.bob)/events" }

    static func body(
        subject: String = "Training: Swift Basics", tag: String = "training-4711", transactionId: String? = nil,
        start: String = "2025-03-18T09:00:00", end: String = "2025-03-18T17:00:00"
    ) -> String {
        """
        {"@odata.type":"#microsoft.graph.event","subject":"\(subject)",
         "start":{"dateTime":"\(start)","timeZone":"W. Europe Standard Time"},
         "end":{"dateTime":"\(end)","timeZone":"W. Europe Standard Time"},
         "showAs":"tentative","isReminderOn":false,"categories":["CalSync"],
         "body":{"contentType":"text","content":"Managed by CalSync. Do not edit."},
         \(transactionId.map { "\"transactionId\":\"\($0)\"," } ?? "")
         "singleValueExtendedProperties":[{"id":"\(EmulatorHarness.propertyId)","value":"\(tag)"}]}
        """
    }

    @Test func createReturns201WithTheFullEventAndNoExtendedProperties() async throws {
        let h = try EmulatorHarness()
        let reply = await h.send(
            .post, Self.events, body: Self.body(transactionId: "tx-1"),
            headers: ["Prefer": "outlook.timezone=\"W. Europe Standard Time\""])
        #expect(reply.status == 201)
        let e = reply.json
        #expect(
            e["@odata.context"] == .string("http://graph.test:8080/v1.0/$metadata#users('\(EmulatorHarness.bob)')/events/$entity")
        )
        #expect(e["singleValueExtendedProperties"] == nil)
        #expect(e["transactionId"] == "tx-1")
        #expect(e["type"] == "singleInstance")
        #expect(e["isOrganizer"] == true)
        #expect(e["responseStatus"]?["response"] == "organizer")
        #expect(e["attendees"] == [])
        #expect(e["showAs"] == "tentative")
        #expect(e["isReminderOn"] == false)
        #expect(e["categories"] == ["CalSync"])
        #expect(e["originalStartTimeZone"] == "W. Europe Standard Time")
        #expect(e["start"] == ["dateTime": "2025-03-18T09:00:00.0000000", "timeZone": "W. Europe Standard Time"])
        #expect(e["createdDateTime"]?.stringValue?.hasSuffix("Z") == true)
        #expect(e["createdDateTime"]?.stringValue?.count == 28)
        let changeKey = try #require(e["changeKey"]?.stringValue)
        #expect(e["@odata.etag"] == .string("W/\"\(changeKey)\""))
        #expect(e["body"]?["contentType"] == "html")
        #expect(e["bodyPreview"] == "Managed by CalSync. Do not edit.")
        #expect(reply.header("Preference-Applied") == "outlook.timezone=\"W. Europe Standard Time\"")

        let plain = await h.send(.post, Self.events, body: Self.body(tag: "other"))
        #expect(plain.json["transactionId"] == nil)
    }

    @Test func extendedPropertyExpandAndFilterLookup() async throws {
        let h = try EmulatorHarness()
        let id = try #require(await h.send(.post, Self.events, body: Self.body()).json["id"]?.stringValue)
        let expand = EmulatorHarness.encode("singleValueExtendedProperties($filter=id eq '\(EmulatorHarness.propertyId)')")
        let got = await h.get("\(Self.events)/\(id)?$expand=\(expand)")
        #expect(got.status == 200)
        #expect(
            got.json["singleValueExtendedProperties"] == [["id": .string(EmulatorHarness.propertyId), "value": "training-4711"]])
        #expect(await h.get("\(Self.events)/\(id)").json["singleValueExtendedProperties"] == nil)

        func lookup(_ propertyId: String, _ value: String) async -> [String] {
            let filter = EmulatorHarness.encode(
                "singleValueExtendedProperties/Any(ep: ep/id eq '\(propertyId)' and ep/value eq '\(value)')")
            return (await h.get("\(Self.events)?$filter=\(filter)")).value.compactMap { $0["id"]?.stringValue }
        }
        #expect(await lookup(EmulatorHarness.propertyId, "training-4711") == [id])
        #expect(await lookup(EmulatorHarness.propertyId, "TRAINING-4711") == [id])  // value: case-insensitive
        #expect(await lookup(EmulatorHarness.propertyId.lowercased(), "training-4711").isEmpty)  // Name: case-sensitive
        #expect(
            await lookup(EmulatorHarness.propertyId.replacingOccurrences(of: "6B5C8D0F", with: "6b5c8d0f"), "training-4711") == [
                id
            ])
        #expect(await lookup(EmulatorHarness.propertyId, "training-9").isEmpty)
        #expect(await h.get("\(Self.events)?$filter=subject%20eq%20'x'").errorCode == "ErrorInvalidUrlQueryFilter")
    }

    @Test func patchUpdatesPartiallyAndChangesTheChangeKey() async throws {
        let h = try EmulatorHarness()
        let created = await h.send(.post, Self.events, body: Self.body(transactionId: "tx-p"))
        let id = try #require(created.json["id"]?.stringValue)
        let patched = await h.send(
            .patch, "\(Self.events)/\(id)",
            body: """
                {"subject":"Training: Swift Advanced","showAs":"busy",
                 "singleValueExtendedProperties":[{"id":"\(EmulatorHarness.propertyId)","value":"training-4712"}]}
                """)
        #expect(patched.status == 200)
        #expect(patched.json["subject"] == "Training: Swift Advanced")
        #expect(patched.json["showAs"] == "busy")
        #expect(patched.json["categories"] == ["CalSync"])
        #expect(patched.json["singleValueExtendedProperties"] == nil)
        #expect(patched.json["changeKey"] != created.json["changeKey"])
        #expect(patched.json["@odata.etag"] != created.json["@odata.etag"])
        let stored = try #require(h.emulator.storedEvents(userId: EmulatorHarness.bob).first { $0.id == id })
        #expect(stored.extendedProperties[EmulatorHarness.propertyId] == "training-4712")
        #expect(stored.transactionId == "tx-p")
        #expect(stored.createdViaGraph)

        let changeTx = await h.send(.patch, "\(Self.events)/\(id)", body: #"{"transactionId":"tx-other"}"#)
        #expect(changeTx.status == 400)
        let stale = await h.send(
            .patch, "\(Self.events)/\(id)", body: #"{"subject":"x"}"#,
            headers: ["If-Match": try #require(created.json["@odata.etag"]?.stringValue)])
        #expect(stale.status == 412)
    }

    @Test func deleteThen404() async throws {
        let h = try EmulatorHarness()
        let id = try #require(await h.send(.post, Self.events, body: Self.body()).json["id"]?.stringValue)
        #expect(await h.send(.delete, "\(Self.events)/\(id)").status == 204)
        for method in [HTTPMethod.get, .delete, .patch] {
            let reply = await h.send(method, "\(Self.events)/\(id)", body: method == .patch ? #"{"subject":"x"}"# : nil)
            #expect(reply.status == 404)
            #expect(reply.errorCode == "ErrorItemNotFound")
            #expect(reply.json["error"]?["message"] == "The specified object was not found in the store.")
        }
    }

    @Test func validation() async throws {
        let h = try EmulatorHarness()
        let noType = await h.send(.post, Self.events, body: Self.body(), headers: ["Content-Type": "text/plain"])
        #expect(noType.status == 415)
        #expect(await h.send(.post, Self.events, body: "{not json").errorCode == "BadRequest")
        #expect(await h.send(.post, Self.events, body: #"{"subject":"no times"}"#).status == 400)
        let backwards = await h.send(
            .post, Self.events, body: Self.body(start: "2025-03-18T17:00:00", end: "2025-03-18T09:00:00"))
        #expect(backwards.status == 400)
        let allDayNotMidnight = """
            {"subject":"Leave","isAllDay":true,"start":{"dateTime":"2025-03-10T08:00:00","timeZone":"UTC"},
             "end":{"dateTime":"2025-03-11T00:00:00","timeZone":"UTC"}}
            """
        #expect(await h.send(.post, Self.events, body: allDayNotMidnight).status == 400)
        let unknownProperty =
            #"{"subject":"x","colour":"red","start":{"dateTime":"2025-03-10T08:00:00","timeZone":"UTC"},"end":{"dateTime":"2025-03-10T09:00:00","timeZone":"UTC"}}"#
        #expect(await h.send(.post, Self.events, body: unknownProperty).errorCode == "RequestBodyRead")
        let badZone =
            #"{"subject":"x","start":{"dateTime":"2025-03-10T08:00:00","timeZone":"Mars/Olympus"},"end":{"dateTime":"2025-03-10T09:00:00","timeZone":"UTC"}}"#
        #expect(await h.send(.post, Self.events, body: badZone).errorCode == "TimeZoneNotSupportedException")
        let readOnlyIgnored =
            #"{"subject":"x","isCancelled":true,"start":{"dateTime":"2025-03-10T08:00:00","timeZone":"UTC"},"end":{"dateTime":"2025-03-10T09:00:00","timeZone":"UTC"}}"#
        #expect(
            await h.send(.post, "/v1.0/users/\(EmulatorHarness.bob)/calendar/events", body: readOnlyIgnored).json["isCancelled"]
                == false)
    }

    @Test func seriesOccurrencesAndMasters() async throws {
        let h = try EmulatorHarness()
        let list = await h.get("/v1.0/users/\(EmulatorHarness.jane)/events")
        let master = try #require(list.value.first { $0["type"] == "seriesMaster" })
        #expect(master["recurrence"]?["pattern"]?["daysOfWeek"] == ["monday", "wednesday"])
        let masterId = try #require(master["id"]?.stringValue)
        let view =
            "/v1.0/users/\(EmulatorHarness.jane)/calendarView?startDateTime=2025-03-01T00:00:00Z&endDateTime=2025-04-01T00:00:00Z&$top=50"
        let occurrences = (await h.get(view)).value.filter { $0["seriesMasterId"] == .string(masterId) }
        #expect(occurrences.count == 9)
        let second = try #require(occurrences[1]["id"]?.stringValue)
        // Editing one occurrence makes it an exception.
        let edited = await h.send(
            .patch, "/v1.0/users/\(EmulatorHarness.jane)/events/\(second)", body: #"{"subject":"Moved sync"}"#)
        #expect(edited.status == 200)
        #expect(edited.json["type"] == "exception")
        #expect(edited.json["subject"] == "Moved sync")
        // Moving it past its neighbour is refused.
        let crossing = await h.send(
            .patch, "/v1.0/users/\(EmulatorHarness.jane)/events/\(second)",
            body: """
                {"start":{"dateTime":"2025-03-12T09:00:00","timeZone":"W. Europe Standard Time"},"end":{"dateTime":"2025-03-12T10:00:00","timeZone":"W. Europe Standard Time"}}
                """)
        #expect(crossing.errorCode == "ErrorOccurrenceCrossingBoundary")
        // Deleting the master deletes the series.
        #expect(await h.send(.delete, "/v1.0/users/\(EmulatorHarness.jane)/events/\(masterId)").status == 204)
        #expect((await h.get(view)).value.count == 2)
        #expect(await h.get("/v1.0/users/\(EmulatorHarness.jane)/events/\(second)").status == 404)
    }
}
