import CalSyncHTTP
import Foundation
import GoogleEmulator
import Testing

@Suite struct GoogleEventsListTests {
    /// Today in Zurich (Ada's calendar zone).
    static let today: [(String, String)] = [
        ("singleEvents", "true"), ("timeMin", "2026-03-02T00:00:00+01:00"), ("timeMax", "2026-03-03T00:00:00+01:00"),
    ]

    @Test func todaysItemsInTheCalendarsZoneWithEveryShapeGoogleSends() async throws {
        let h = try GoogleHarness()
        let reply = await h.send(
            .get, GoogleHarness.url(GoogleHarness.events, Self.today + [("orderBy", "startTime")]), token: try h.token())
        #expect(reply.status == 200)
        #expect(reply.json["kind"] == "calendar#events")
        #expect(reply.json["timeZone"] == "Europe/Zurich")
        #expect(reply.json["nextPageToken"] == nil)
        #expect(reply.json["nextSyncToken"]?.stringValue?.isEmpty == false)
        let items = reply.items
        #expect(
            items.map { $0["summary"]?.stringValue ?? "" } == [
                "Home", "Team sync", "Architecture review", "Lunch walk", "Customer call", "Focus time",
            ])
        let byName = Dictionary(uniqueKeysWithValues: items.map { ($0["summary"]!.stringValue!, $0) })

        let home = try #require(byName["Home"])
        #expect(home["start"] == ["date": "2026-03-02"])
        #expect(home["end"] == ["date": "2026-03-03"])
        #expect(home["eventType"] == "workingLocation")
        #expect(home["transparency"] == "transparent")

        let standup = try #require(byName["Team sync"])
        #expect(standup["id"] == "standup0001_20260302T080000Z")
        #expect(standup["recurringEventId"] == "standup0001")
        #expect(standup["originalStartTime"] == ["dateTime": "2026-03-02T09:00:00+01:00", "timeZone": "Europe/Zurich"])
        #expect(standup["start"] == ["dateTime": "2026-03-02T09:00:00+01:00", "timeZone": "Europe/Zurich"])
        #expect(standup["end"] == ["dateTime": "2026-03-02T09:30:00+01:00", "timeZone": "Europe/Zurich"])
        #expect(standup["recurrence"] == nil)

        let review = try #require(byName["Architecture review"])
        #expect(review["organizer"] == ["email": "grace@fabrikam.example"])
        let me = review["attendees"]?.arrayValue?.first { $0["self"] == true }
        #expect(me?["email"] == "ada@fabrikam.example")
        #expect(me?["responseStatus"] == "declined")

        let call = try #require(byName["Customer call"])
        #expect(call["kind"] == "calendar#event")
        #expect(call["status"] == "confirmed")
        #expect(call["start"] == ["dateTime": "2026-03-02T14:00:00+01:00", "timeZone": "Europe/Zurich"])
        #expect(call["organizer"] == ["email": "ada@fabrikam.example", "self": true])
        #expect(call["creator"] == ["email": "ada@fabrikam.example", "self": true])
        #expect(call["eventType"] == "default")
        #expect(call["iCalUID"]?.stringValue == (call["id"]?.stringValue ?? "") + "@google.com")
        #expect(call["etag"]?.stringValue?.hasPrefix("\"") == true)
        #expect(call["updated"]?.stringValue?.hasSuffix("Z") == true)

        #expect(byName["Lunch walk"]?["transparency"] == "transparent")
        #expect(byName["Focus time"]?["eventType"] == "focusTime")
        #expect(byName["Focus time"]?["focusTimeProperties"]?["chatStatus"] == "doNotDisturb")
    }

    @Test func theTimeZoneParameterSetsTheOffsetsAndSeriesComeWholeWithoutSingleEvents() async throws {
        let h = try GoogleHarness()
        let utc = await h.send(
            .get, GoogleHarness.url(GoogleHarness.events, Self.today + [("timeZone", "UTC")]), token: try h.token())
        let call = utc.items.first { $0["summary"] == "Customer call" }
        #expect(call?["start"] == ["dateTime": "2026-03-02T13:00:00Z", "timeZone": "Europe/Zurich"])
        let series = await h.send(
            .get,
            GoogleHarness.url(
                GoogleHarness.events, [("timeMin", "2026-03-02T00:00:00+01:00"), ("timeMax", "2026-03-03T00:00:00+01:00")]),
            token: try h.token())
        let masters = series.items.filter { $0["summary"] == "Team sync" }
        #expect(masters.count == 1)
        #expect(masters.first?["id"] == "standup0001")
        #expect(masters.first?["recurrence"] == ["RRULE:FREQ=DAILY;COUNT=30"])
        #expect(masters.first?["start"] == ["dateTime": "2026-02-23T09:00:00+01:00", "timeZone": "Europe/Zurich"])
    }

    @Test func cancelledEventsOnlyWithShowDeletedAndThenOnlyTheirId() async throws {
        let h = try GoogleHarness()
        let window = [
            ("singleEvents", "true"), ("timeMin", "2026-03-04T00:00:00+01:00"), ("timeMax", "2026-03-05T00:00:00+01:00"),
        ]
        let plain = await h.send(.get, GoogleHarness.url(GoogleHarness.events, window), token: try h.token())
        #expect(!plain.items.contains { $0["status"] == "cancelled" })
        let deleted = await h.send(
            .get, GoogleHarness.url(GoogleHarness.events, window + [("showDeleted", "true")]), token: try h.token())
        let cancelled = deleted.items.filter { $0["status"] == "cancelled" }
        #expect(cancelled.count == 1)
        #expect(cancelled.first?.objectValue.map { Set($0.keys) } == ["kind", "etag", "id", "status"])
    }

    @Test func pagesFollowedGiveTheSameItemsAndOnlyTheLastCarriesTheSyncToken() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        let whole = await h.listAll([("singleEvents", "true")], token: token)
        #expect(whole.pages == 1)
        #expect(whole.items.count == 38)  // 30 stand-ups and 8 one-off events (the cancelled one left out)
        let paged = await h.listAll([("singleEvents", "true"), ("maxResults", "4")], token: token)
        #expect(paged.pages == 10)
        #expect(paged.items.map { $0["id"] } == whole.items.map { $0["id"] })
        #expect(paged.syncToken != nil)
        let bad = await h.send(.get, GoogleHarness.url(GoogleHarness.events, [("pageToken", "nonsense")]), token: token)
        #expect(bad.status == 400)
    }

    @Test func incrementalListsReportChangesAnywhereDeletionsAsCancelledAndNothingTwice() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        let full = await h.listAll(Self.today, token: token)
        let syncToken = try #require(full.syncToken)
        let callId = try #require(full.items.first { $0["summary"] == "Customer call" }?["id"]?.stringValue)
        let lunchId = try #require(full.items.first { $0["summary"] == "Lunch walk" }?["id"]?.stringValue)
        let conferenceId = try #require(
            h.emulator.storedEvents(user: GoogleHarness.ada).first { $0["summary"] == "Conference" }?["id"]?.stringValue)

        // The person changes her calendar: a new meeting, a moved call, a deleted lunch, and a change far outside
        // the window of the full list (sync tokens are not bound to it).
        let added = try h.emulator.addEvent(
            user: GoogleHarness.ada,
            json: #"{"summary":"New meeting","start":{"dateTime":"@+1T08:00:00"},"end":{"dateTime":"@+1T08:30:00"}}"#)
        try h.emulator.updateEvent(
            user: GoogleHarness.ada, eventId: callId,
            json: ["start": ["dateTime": "2026-03-02T15:00:00+01:00"], "end": ["dateTime": "2026-03-02T16:00:00+01:00"]])
        try h.emulator.removeEvent(user: GoogleHarness.ada, eventId: lunchId)
        try h.emulator.updateEvent(user: GoogleHarness.ada, eventId: conferenceId, json: ["summary": "Conference (day 2 only)"])

        let changes = await h.listAll([("singleEvents", "true"), ("syncToken", syncToken)], token: token)
        #expect(Set(changes.items.compactMap { $0["id"]?.stringValue }) == [added, callId, lunchId, conferenceId])
        let lunch = changes.items.first { $0["id"]?.stringValue == lunchId }
        #expect(lunch?["status"] == "cancelled")
        #expect(changes.items.first { $0["id"]?.stringValue == callId }?["start"]?["dateTime"] == "2026-03-02T15:00:00+01:00")
        let next = try #require(changes.syncToken)
        #expect(next != syncToken)
        let none = await h.listAll([("singleEvents", "true"), ("syncToken", next)], token: token)
        #expect(none.items.isEmpty)

        // One occurrence of the series deleted: reported alone, cancelled, with its series and original start.
        try h.emulator.removeEvent(user: GoogleHarness.ada, eventId: "standup0001_20260303T080000Z")
        let occurrence = await h.listAll([("singleEvents", "true"), ("syncToken", try #require(none.syncToken))], token: token)
        #expect(occurrence.items.count == 1)
        #expect(occurrence.items.first?["id"] == "standup0001_20260303T080000Z")
        #expect(occurrence.items.first?["status"] == "cancelled")
        #expect(occurrence.items.first?["recurringEventId"] == "standup0001")
        #expect(occurrence.items.first?["originalStartTime"]?["dateTime"] == "2026-03-03T09:00:00+01:00")
    }

    @Test func changesWhilePagingAreNotLost() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        let first = await h.send(.get, GoogleHarness.url(GoogleHarness.events, Self.today + [("maxResults", "2")]), token: token)
        let pageToken = try #require(first.json["nextPageToken"]?.stringValue)
        let added = try h.emulator.addEvent(
            user: GoogleHarness.ada,
            json: #"{"summary":"Late addition","start":{"dateTime":"@+0T18:00:00"},"end":{"dateTime":"@+0T19:00:00"}}"#)
        let rest = await h.listAll(Self.today + [("maxResults", "2")], token: token, pageToken: pageToken)
        #expect(!rest.items.contains { $0["id"]?.stringValue == added })
        let changes = await h.listAll([("singleEvents", "true"), ("syncToken", try #require(rest.syncToken))], token: token)
        #expect(changes.items.map { $0["id"]?.stringValue } == [added])
    }

    @Test func expiredSyncTokensAre410FullSyncRequired() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        let syncToken = try #require(await h.listAll(Self.today, token: token).syncToken)
        #expect(await h.send(.post, "/_emulator/syncTokens/expire", token: nil).status == 204)
        let gone = await h.send(
            .get, GoogleHarness.url(GoogleHarness.events, [("singleEvents", "true"), ("syncToken", syncToken)]), token: token)
        #expect(gone.status == 410)
        #expect(gone.json == (try GoogleHarness.fixture("error-410-fullSyncRequired.json")))
        let unknown = await h.send(.get, GoogleHarness.url(GoogleHarness.events, [("syncToken", "CPDunknown")]), token: token)
        #expect(unknown.status == 410)
    }

    @Test func parametersThatCannotGoWithASyncTokenAre400() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        let syncToken = try #require(await h.listAll(Self.today, token: token).syncToken)
        for clash in [
            ("timeMin", "2026-03-02T00:00:00Z"), ("timeMax", "2026-03-09T00:00:00Z"), ("privateExtendedProperty", "a=b"),
            ("orderBy", "updated"), ("q", "x"), ("updatedMin", "2026-03-01T00:00:00Z"), ("iCalUID", "x@google.com"),
        ] {
            let reply = await h.send(
                .get, GoogleHarness.url(GoogleHarness.events, [("syncToken", syncToken), clash]), token: token)
            #expect(reply.status == 400)
            #expect(reply.reason == "syncTokenWithRequestRestrictions")
            #expect(reply.message == "Sync token cannot be used with other request restrictions.")
        }
        let hidden = await h.send(
            .get, GoogleHarness.url(GoogleHarness.events, [("syncToken", syncToken), ("showDeleted", "false")]), token: token)
        #expect(hidden.status == 400)
        // A rejected request does not use the token up.
        let fine = await h.send(
            .get, GoogleHarness.url(GoogleHarness.events, [("singleEvents", "true"), ("syncToken", syncToken)]), token: token)
        #expect(fine.status == 200)
    }

    @Test func badParametersAre400InGooglesShape() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        let empty = await h.send(
            .get,
            GoogleHarness.url(GoogleHarness.events, [("timeMin", "2026-03-03T00:00:00Z"), ("timeMax", "2026-03-02T00:00:00Z")]),
            token: token)
        #expect(empty.status == 400)
        #expect(empty.json == (try GoogleHarness.fixture("error-400-timeRangeEmpty.json")))
        for bad in [
            ("timeMin", "2026-03-02T00:00:00"), ("maxResults", "0"), ("singleEvents", "yes"), ("orderBy", "startTime"),
            ("eventTypes", "meeting"),
        ] {
            let reply = await h.send(.get, GoogleHarness.url(GoogleHarness.events, [bad]), token: token)
            #expect(reply.status == 400, "\(bad)")
            #expect(reply.reason == "invalid", "\(bad)")
        }
        // maxResults above 2500 is capped, not refused (DOC).
        #expect(await h.send(.get, GoogleHarness.url(GoogleHarness.events, [("maxResults", "9999")]), token: token).status == 200)
    }

    @Test func eventTypesAndExtendedPropertiesFilter() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        let tagged = try h.emulator.addEvent(
            user: GoogleHarness.ada,
            json:
                #"{"summary":"Ours","start":{"dateTime":"@+0T07:00:00"},"end":{"dateTime":"@+0T08:00:00"},"extendedProperties":{"private":{"calsyncOwner":"calsync","calsyncKey":"k1"}}}"#
        )
        _ = try h.emulator.addEvent(
            user: GoogleHarness.ada,
            json:
                #"{"summary":"Other","start":{"dateTime":"@+0T07:00:00"},"end":{"dateTime":"@+0T08:00:00"},"extendedProperties":{"private":{"calsyncOwner":"someone-else"},"shared":{"calsyncOwner":"calsync"}}}"#
        )
        let ours = await h.listAll(Self.today + [("privateExtendedProperty", "calsyncOwner=calsync")], token: token)
        #expect(ours.items.map { $0["id"]?.stringValue } == [tagged])
        #expect(ours.items.first?["extendedProperties"]?["private"]?["calsyncKey"] == "k1")
        let both = await h.listAll(
            Self.today + [("privateExtendedProperty", "calsyncOwner=calsync"), ("privateExtendedProperty", "calsyncKey=k2")],
            token: token)
        #expect(both.items.isEmpty)
        let ooo = await h.listAll(
            [("singleEvents", "true"), ("eventTypes", "outOfOffice"), ("eventTypes", "focusTime")], token: token)
        #expect(Set(ooo.items.compactMap { $0["summary"]?.stringValue }) == ["Out of office", "Focus time"])
    }
}
