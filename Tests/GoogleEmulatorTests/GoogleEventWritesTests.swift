import CalSyncHTTP
import Foundation
import GoogleEmulator
import Testing

@Suite struct GoogleEventWritesTests {
    static let training = """
        {"id":"c0ffee00c0ffee00c0ffee00c0ffee01","summary":"Training: Safety level 2",
         "start":{"dateTime":"2026-03-05T09:00:00+01:00","timeZone":"Europe/Zurich"},
         "end":{"dateTime":"2026-03-05T17:00:00+01:00","timeZone":"Europe/Zurich"},
         "transparency":"opaque","status":"confirmed","visibility":"private",
         "reminders":{"useDefault":false,"overrides":[]},
         "extendedProperties":{"private":{"calsyncOwner":"calsync","calsyncKey":"session-4711"}}}
        """

    @Test func insertWithAClientIdThenTheSameInsertAgainIs409Duplicate() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        let url = GoogleHarness.url(GoogleHarness.events, [("sendUpdates", "none")])
        let created = await h.send(.post, url, body: Self.training, token: token)
        #expect(created.status == 200)
        #expect(created.json["id"] == "c0ffee00c0ffee00c0ffee00c0ffee01")
        #expect(created.json["summary"] == "Training: Safety level 2")
        #expect(created.json["reminders"] == ["useDefault": false, "overrides": []])
        #expect(created.json["extendedProperties"]?["private"]?["calsyncKey"] == "session-4711")
        #expect(created.json["start"] == ["dateTime": "2026-03-05T09:00:00+01:00", "timeZone": "Europe/Zurich"])
        // Read back through the API and through the side door: the same values.
        let read = await h.send(.get, GoogleHarness.events + "/c0ffee00c0ffee00c0ffee00c0ffee01", token: token)
        #expect(read.json == created.json)
        #expect(h.emulator.storedEvent(user: GoogleHarness.ada, eventId: "c0ffee00c0ffee00c0ffee00c0ffee01") == created.json)

        let again = await h.send(.post, url, body: Self.training, token: token)
        #expect(again.status == 409)
        #expect(again.json == (try GoogleHarness.fixture("error-409-duplicate.json")))
        #expect(h.emulator.stats().person(GoogleHarness.ada).duplicates409 == 1)
        #expect(
            h.emulator.storedEvents(user: GoogleHarness.ada).filter { $0["summary"] == "Training: Safety level 2" }.count == 1)
    }

    @Test func clientIdsFollowTheBase32hexRules() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        func insert(_ id: String) async -> GoogleHarness.Reply {
            await h.send(
                .post, GoogleHarness.events,
                body: #"{"id":"\#(id)","start":{"date":"2026-03-10"},"end":{"date":"2026-03-11"}}"#, token: token)
        }
        for bad in ["abcd", "ABCDE", "abcdw", "abc-def", "abc_def", String(repeating: "a", count: 1025)] {
            let reply = await insert(bad)
            #expect(reply.status == 400, "\(bad.prefix(10))")
            #expect(reply.message == "Invalid resource id value.")
        }
        #expect(await insert("0123456789abcdefghijklmnopqrstuv").status == 200)
        #expect(await insert(String(repeating: "v", count: 1024)).status == 200)
        let generated = await h.send(
            .post, GoogleHarness.events, body: #"{"start":{"date":"2026-03-10"},"end":{"date":"2026-03-11"}}"#, token: token)
        let id = try #require(generated.json["id"]?.stringValue)
        #expect(id.count == 26)
        #expect(id.allSatisfy { "0123456789abcdefghijklmnopqrstuv".contains($0) })
    }

    @Test func aDeletedEventsIdStaysTaken() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        #expect(await h.send(.post, GoogleHarness.events, body: Self.training, token: token).status == 200)
        let delete = await h.send(
            .delete, GoogleHarness.events + "/c0ffee00c0ffee00c0ffee00c0ffee01?sendUpdates=none", token: token)
        #expect(delete.status == 204)
        #expect(delete.response.body.isEmpty)
        let again = await h.send(.delete, GoogleHarness.events + "/c0ffee00c0ffee00c0ffee00c0ffee01", token: token)
        #expect(again.status == 410)
        #expect(again.json == (try GoogleHarness.fixture("error-410-deleted.json")))
        let read = await h.send(.get, GoogleHarness.events + "/c0ffee00c0ffee00c0ffee00c0ffee01", token: token)
        #expect(read.status == 200)
        #expect(read.json["status"] == "cancelled")
        #expect(await h.send(.post, GoogleHarness.events, body: Self.training, token: token).status == 409)
        let unknown = await h.send(.delete, GoogleHarness.events + "/nosuchevent00", token: token)
        #expect(unknown.status == 404)
        #expect(unknown.json == (try GoogleHarness.fixture("error-404-notFound.json")))
    }

    @Test func timesAreCheckedAsGoogleChecksThem() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        func insert(_ times: String) async -> GoogleHarness.Reply {
            await h.send(.post, GoogleHarness.events, body: "{\"summary\":\"x\",\(times)}", token: token)
        }
        #expect(await insert(#""start":{"date":"2026-03-10"}"#).reason == "required")
        let backwards = await insert(#""start":{"dateTime":"2026-03-10T10:00:00Z"},"end":{"dateTime":"2026-03-10T09:00:00Z"}"#)
        #expect(backwards.reason == "timeRangeEmpty")
        #expect(await insert(#""start":{"date":"2026-03-10"},"end":{"date":"2026-03-10"}"#).reason == "timeRangeEmpty")
        let mixed = await insert(#""start":{"date":"2026-03-10"},"end":{"dateTime":"2026-03-10T09:00:00Z"}"#)
        #expect(mixed.message == "Start and end times must either both be date or both be dateTime.")
        let noZone = await insert(#""start":{"dateTime":"2026-03-10T09:00:00"},"end":{"dateTime":"2026-03-10T10:00:00Z"}"#)
        #expect(noZone.status == 400)
        #expect(noZone.message == "Missing time zone definition for start time.")
        let badZone = await insert(
            #""start":{"dateTime":"2026-03-10T09:00:00","timeZone":"Mars/Olympus"},"end":{"dateTime":"2026-03-10T10:00:00Z"}"#)
        #expect(badZone.reason == "invalid")
        // A wall-clock time with its zone is fine; all-day events end on the day after their last day.
        let local = await insert(
            #""start":{"dateTime":"2026-03-10T09:00:00","timeZone":"America/New_York"},"end":{"dateTime":"2026-03-10T10:00:00","timeZone":"America/New_York"}"#
        )
        #expect(local.json["start"] == ["dateTime": "2026-03-10T14:00:00+01:00", "timeZone": "America/New_York"])
        let allDay = await insert(
            #""start":{"date":"2026-03-09"},"end":{"date":"2026-03-11"},"status":"tentative","transparency":"transparent""#)
        #expect(allDay.status == 200)
        #expect(allDay.json["end"] == ["date": "2026-03-11"])
        #expect(allDay.json["status"] == "tentative")
        #expect(await insert(#""start":{"date":"2026-03-09"},"end":{"date":"2026-03-10"},"status":"cancelled""#).status == 400)
        let notJSON = await h.send(.post, GoogleHarness.events, body: "{nope", token: token)
        #expect(notJSON.reason == "parseError")
        let sendUpdates = await h.send(.post, GoogleHarness.events + "?sendUpdates=sometimes", body: Self.training, token: token)
        #expect(sendUpdates.status == 400)
    }

    @Test func statusEventTypesFollowTheCalendarStatusGuide() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        for fixture in [
            "event-insert-outOfOffice-request.json", "event-insert-focusTime-request.json",
            "event-insert-workingLocation-request.json", "event-insert-request.json",
        ] {
            let body = try GoogleHarness.fixture(fixture)
            let reply = await h.send(.post, GoogleHarness.events, body: body.serialized, token: token)
            #expect(reply.status == 200, "\(fixture): \(reply.text)")
            #expect(reply.json["eventType"] == (body["eventType"] ?? "default"))
        }
        func insert(_ body: String) async -> GoogleHarness.Reply {
            await h.send(.post, GoogleHarness.events, body: body, token: token)
        }
        let allDayOOO = await insert(#"{"eventType":"outOfOffice","start":{"date":"2026-03-10"},"end":{"date":"2026-03-11"}}"#)
        #expect(allDayOOO.status == 400)
        let transparentFocus = await insert(
            #"{"eventType":"focusTime","transparency":"transparent","start":{"dateTime":"2026-03-10T09:00:00Z"},"end":{"dateTime":"2026-03-10T10:00:00Z"}}"#
        )
        #expect(transparentFocus.status == 400)
        let opaqueHome = await insert(
            #"{"eventType":"workingLocation","visibility":"public","start":{"date":"2026-03-10"},"end":{"date":"2026-03-11"}}"#)
        #expect(opaqueHome.status == 400)
        let longHome = await insert(
            #"{"eventType":"workingLocation","visibility":"public","transparency":"transparent","start":{"date":"2026-03-10"},"end":{"date":"2026-03-12"}}"#
        )
        #expect(longHome.status == 400)
        #expect(
            await insert(#"{"eventType":"fromGmail","start":{"date":"2026-03-10"},"end":{"date":"2026-03-11"}}"#).status == 400)
        // Timed out of office from midnight to midnight, as an HR full day must be written.
        let oooDay = await insert(
            #"{"eventType":"outOfOffice","start":{"dateTime":"2026-03-10T00:00:00+01:00"},"end":{"dateTime":"2026-03-11T00:00:00+01:00"}}"#
        )
        #expect(oooDay.status == 200)
    }

    @Test func extendedPropertiesKeepGooglesLimitsAndPatchMergesThem() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        let longKey = String(repeating: "k", count: 45)
        let body: JSONValue = [
            "id": "e0000000001", "start": ["date": "2026-03-10"], "end": ["date": "2026-03-11"],
            "extendedProperties": [
                "private": [
                    .init(stringLiteral: longKey): "dropped", "calsyncKey": .string(String(repeating: "v", count: 2000)),
                    "keep": "me",
                ]
            ],
        ]
        let created = await h.send(.post, GoogleHarness.events, body: body.serialized, token: token)
        let properties = created.json["extendedProperties"]?["private"]
        #expect(properties?[longKey] == nil)
        #expect(properties?["calsyncKey"]?.stringValue?.count == 1024)
        let patch = try GoogleHarness.fixture("event-patch-extended-property-request.json")
        let patched = await h.send(.patch, GoogleHarness.events + "/e0000000001", body: patch.serialized, token: token)
        #expect(patched.status == 200)
        #expect(patched.json["extendedProperties"]?["private"]?["petsAllowed"] == "yes")
        #expect(patched.json["extendedProperties"]?["private"]?["keep"] == "me")
        #expect(patched.json["start"] == ["date": "2026-03-10"])
    }

    @Test func patchChangesOnlyWhatItSendsAndChecksEtagsAndTypes() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        let created = await h.send(.post, GoogleHarness.events, body: Self.training, token: token)
        let url = GoogleHarness.events + "/c0ffee00c0ffee00c0ffee00c0ffee01"
        let moved = await h.send(
            .patch, url,
            body:
                #"{"start":{"dateTime":"2026-03-06T09:00:00+01:00"},"end":{"dateTime":"2026-03-06T12:00:00+01:00"},"status":"tentative"}"#,
            token: token)
        #expect(moved.status == 200)
        #expect(moved.json["start"] == ["dateTime": "2026-03-06T09:00:00+01:00", "timeZone": "Europe/Zurich"])
        #expect(moved.json["status"] == "tentative")
        #expect(moved.json["summary"] == "Training: Safety level 2")
        #expect(moved.json["sequence"] == 1)
        #expect(moved.json["etag"] != created.json["etag"])
        let stale = await h.send(
            .patch, url, body: #"{"summary":"x"}"#, token: token, headers: ["If-Match": created.json["etag"]!.stringValue!])
        #expect(stale.status == 412)
        #expect(stale.json == (try GoogleHarness.fixture("error-412-conditionNotMet.json")))
        let fresh = await h.send(
            .patch, url, body: #"{"summary":"y"}"#, token: token, headers: ["If-Match": moved.json["etag"]!.stringValue!])
        #expect(fresh.json["summary"] == "y")
        #expect(await h.send(.patch, url, body: #"{"eventType":"focusTime"}"#, token: token).status == 400)
        #expect(await h.send(.patch, GoogleHarness.events + "/nosuchevent00", body: "{}", token: token).status == 404)
        #expect(
            await h.send(.patch, url, body: #"{"end":{"dateTime":"2026-03-01T00:00:00Z"}}"#, token: token).reason
                == "timeRangeEmpty")
    }

    @Test func oneOccurrenceOfASeriesIsPatchedOrDeletedAlone() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        let occurrence = GoogleHarness.events + "/standup0001_20260304T080000Z"
        let moved = await h.send(
            .patch, occurrence,
            body: #"{"start":{"dateTime":"2026-03-04T10:00:00+01:00"},"end":{"dateTime":"2026-03-04T10:30:00+01:00"}}"#,
            token: token)
        #expect(moved.status == 200)
        #expect(moved.json["recurringEventId"] == "standup0001")
        #expect(moved.json["originalStartTime"]?["dateTime"] == "2026-03-04T09:00:00+01:00")
        #expect(moved.json["start"]?["dateTime"] == "2026-03-04T10:00:00+01:00")
        let ownRule = await h.send(.patch, occurrence, body: #"{"recurrence":["RRULE:FREQ=DAILY"]}"#, token: token)
        #expect(ownRule.status == 400)
        let delete = await h.send(.delete, GoogleHarness.events + "/standup0001_20260305T080000Z", token: token)
        #expect(delete.status == 204)
        let week = await h.listAll(
            [
                ("singleEvents", "true"), ("timeMin", "2026-03-04T00:00:00+01:00"), ("timeMax", "2026-03-06T00:00:00+01:00"),
                ("q", "Team sync"),
            ], token: token)
        #expect(week.items.map { $0["id"]?.stringValue } == ["standup0001_20260304T080000Z"])
        #expect(await h.send(.get, GoogleHarness.events + "/standup0001_20260305T090000Z", token: token).status == 404)
    }

    @Test func writesNeedAWriteScopeAndAValidToken() async throws {
        let h = try GoogleHarness()
        let readOnly = try h.token(scopes: ["https://www.googleapis.com/auth/calendar.readonly"])
        #expect(await h.send(.get, GoogleHarness.events, token: readOnly).status == 200)
        let refused = await h.send(.post, GoogleHarness.events, body: Self.training, token: readOnly)
        #expect(refused.status == 403)
        #expect(refused.reason == "insufficientPermissions")
        let bad = await h.send(.post, GoogleHarness.events, body: Self.training, token: "ya29.unknown")
        #expect(bad.status == 401)
        #expect(bad.json == (try GoogleHarness.fixture("error-401-authError.json")))
        #expect(bad.header("WWW-Authenticate")?.hasPrefix("Bearer realm=") == true)
        let none = await h.send(.post, GoogleHarness.events, body: Self.training, token: nil)
        #expect(none.status == 401)
        h.clock.advance(by: 3600)
        #expect(await h.send(.get, GoogleHarness.events, token: readOnly).status == 401)
        // Another person's calendar is not this token's.
        #expect(await h.send(.get, "/calendar/v3/calendars/grace%40fabrikam.example/events", token: try h.token()).status == 404)
        #expect(await h.send(.get, "/calendar/v3/calendars/ada%40fabrikam.example/events", token: try h.token()).status == 200)
    }
}

@Suite struct GoogleRecurrenceTests {
    @Test func rulesExpandAsRFC5545SaysAndOddRulesAreRefused() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        func occurrences(_ rule: [String], start: String = "2026-03-02T09:00:00") async -> [String] {
            let body: JSONValue = [
                "start": ["dateTime": .string(start), "timeZone": "Europe/Zurich"],
                "end": ["dateTime": .string(start.replacingOccurrences(of: "T09", with: "T10")), "timeZone": "Europe/Zurich"],
                "recurrence": .array(rule.map { .string($0) }), "summary": "rule",
            ]
            let created = await h.send(.post, GoogleHarness.events, body: body.serialized, token: token)
            guard let id = created.json["id"]?.stringValue else { return ["status \(created.status)"] }
            let list = await h.listAll(
                [
                    ("singleEvents", "true"), ("timeMin", "2026-03-01T00:00:00Z"), ("timeMax", "2026-05-01T00:00:00Z"),
                    ("iCalUID", id + "@google.com"),
                ],
                token: token)
            return list.items.compactMap { $0["start"]?["dateTime"]?.stringValue?.prefix(10) }.map(String.init)
        }
        #expect(
            await occurrences(["RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4"]) == [
                "2026-03-02", "2026-03-04", "2026-03-09", "2026-03-11",
            ])
        #expect(
            await occurrences(["RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20260308T235959Z"]) == [
                "2026-03-02", "2026-03-04", "2026-03-06", "2026-03-08",
            ])
        #expect(
            await occurrences(["RRULE:FREQ=DAILY;COUNT=4", "EXDATE;TZID=Europe/Zurich:20260303T090000"]) == [
                "2026-03-02", "2026-03-04", "2026-03-05",
            ])
        #expect(await occurrences(["RRULE:FREQ=MONTHLY;COUNT=3"], start: "2026-01-31T09:00:00") == ["2026-03-31"])
        // Summer time begins on 29 March in Zurich: the wall-clock time stays 09:00.
        let dst = await occurrences(["RRULE:FREQ=WEEKLY;COUNT=3"], start: "2026-03-23T09:00:00")
        #expect(dst == ["2026-03-23", "2026-03-30", "2026-04-06"])
        for bad in [
            ["RRULE:FREQ=HOURLY"], ["RRULE:FREQ=DAILY;INTERVAL=99999999999999"], ["RRULE:FREQ=DAILY;BYSETPOS=1"],
            ["RDATE:20260301"], [],
        ] {
            #expect(await occurrences(bad) == ["status 400"], "\(bad)")
        }
    }
}
