import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

@testable import CalSyncAPI

@Suite struct AvailabilityRoutesTests {
    static let now = Timestamp.parse("2026-03-02T12:00:00Z")!
    static let window = "from=2026-03-02T09:00:00%2B01:00&to=2026-03-02T19:00:00%2B01:00"  // 08:00Z-18:00Z

    static func at(_ text: String) -> Date { Timestamp.parse(text)! }

    enum Sync: CaseIterable { case ok, stale, error, unmatched, disabled, uncovered }

    /// An integration covering paris, and a person `id` whose sync is in the state asked for.
    static func seed(_ h: APITestHarness, _ id: String = "i-1", sync: Sync = .ok, establishment: String = "paris") async throws {
        if try await h.store.integration(id: "m365") == nil {
            try await h.store.saveIntegration(
                Integration(
                    id: "m365", name: "Contoso", tenantId: "t", clientId: "c",
                    clientSecret: Secret("s"), establishments: ["paris"]))
        }
        try await h.store.saveInstructor(
            Instructor(
                id: id, name: "Ada \(id)", email: "\(id)@contoso.com",
                establishment: sync == .uncovered ? "lyon" : establishment,
                syncEnabled: sync != .disabled))
        try await h.store.saveMatch(
            InstructorMatch(
                instructorId: id, integrationId: "m365",
                status: sync == .unmatched ? .unmatched : .matched, calendarId: "u-\(id)"))
        let success = sync == .stale ? now.addingTimeInterval(-3_600) : now.addingTimeInterval(-60)
        let failure: Date? = sync == .error ? now.addingTimeInterval(-30) : nil
        try await h.store.saveSyncState(
            SyncState(
                integrationId: "m365", instructorId: id, calendarId: "u-\(id)",
                cursor: SyncCursor("d"), windowStart: at("2026-03-01T00:00:00Z"),
                windowEnd: at("2026-09-01T00:00:00Z"), lastSuccessAt: success,
                lastErrorAt: failure, lastErrorCode: failure == nil ? nil : "throttled"))
    }

    static func block(
        _ id: String, _ start: String, _ end: String, person: String = "i-1", showAs: ShowAs = .busy,
        allDay: Bool = false
    ) -> BusyBlock {
        BusyBlock(
            integrationId: "m365", instructorId: person, externalId: id, start: at(start), end: at(end), showAs: showAs,
            isAllDay: allDay)
    }

    static func blocks(_ h: APITestHarness, _ list: [BusyBlock], person: String = "i-1") async throws {
        try await h.store.applyBusyChanges(integrationId: "m365", instructorId: person, upserts: list, removals: [])
    }

    static func pairs(_ list: Any?) -> [String] {
        ((list as? [[String: Any]]) ?? []).map {
            "\(($0["start"] as? String ?? "").dropFirst(11).prefix(5))-"
                + "\(($0["end"] as? String ?? "").dropFirst(11).prefix(5))"
        }
    }

    // MARK: - GET /v1/instructors/{id}/availability

    @Test func knownAvailabilityListsBusyAndFreeTime() async throws {
        let h = try APITestHarness(now: Self.now)
        try await Self.seed(h)
        try await Self.blocks(
            h,
            [
                Self.block("a", "2026-03-02T07:00:00Z", "2026-03-02T09:00:00Z", showAs: .tentative),  // clipped to 08:00
                Self.block("b", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z"),
                Self.block("c", "2026-03-02T10:30:00Z", "2026-03-02T11:30:00Z", showAs: .oof),  // overlaps b
                Self.block("d", "2026-03-02T11:30:00Z", "2026-03-02T12:00:00Z"),  // touches c
                Self.block("e", "2026-03-02T18:00:00Z", "2026-03-02T19:00:00Z"),  // touches the window end: out
                Self.block("f", "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z", allDay: true),  // outside
            ])
        try await h.store.saveTrainingEvent(
            TrainingEvent(
                id: "t-1", title: "Swift", start: Self.at("2026-03-02T14:00:00Z"),
                end: Self.at("2026-03-02T16:00:00Z"), instructorIds: ["i-1", "i-2"]))
        try await h.store.saveTrainingEvent(
            TrainingEvent(
                id: "t-gone", title: "Old", start: Self.at("2026-03-02T16:00:00Z"),
                end: Self.at("2026-03-02T17:00:00Z"), status: .cancelled,
                instructorIds: ["i-1"]))
        let reply = await h.send(.get, "/v1/instructors/i-1/availability?\(Self.window)", token: .reader)
        #expect(reply.status == 200)
        let json = reply.json
        #expect(json["instructorId"] as? String == "i-1")
        #expect(json["from"] as? String == "2026-03-02T08:00:00Z")
        #expect(json["to"] as? String == "2026-03-02T18:00:00Z")
        #expect(json["syncStatus"] as? String == "ok")
        #expect(json["lastSyncAt"] as? String == "2026-03-02T11:59:00Z")
        #expect(json["availability"] as? String == "known")
        let busy = json["busy"] as? [[String: Any]] ?? []
        #expect(Self.pairs(busy) == ["08:00-09:00", "10:00-11:00", "10:30-11:30", "11:30-12:00", "14:00-16:00"])
        #expect(busy.map { $0["kind"] as? String } == ["external", "external", "external", "external", "training"])
        #expect(busy.map { $0["showAs"] as? String } == ["tentative", "busy", "oof", "busy", "busy"])
        #expect(busy.allSatisfy { $0["allDay"] as? Bool == false })
        #expect(busy[0]["ref"] is NSNull)
        #expect(busy[4]["ref"] as? String == "t-1")
        #expect(Self.pairs(json["free"]) == ["09:00-10:00", "12:00-14:00", "16:00-18:00"])
        #expect(json["knownFrom"] as? String == "2026-03-02T08:00:00Z")
        #expect(json["knownUntil"] as? String == "2026-03-02T18:00:00Z")
        #expect(
            Set(json.keys) == [
                "instructorId", "from", "to", "syncStatus", "lastSyncAt", "availability", "knownFrom", "knownUntil", "busy",
                "free",
            ])
    }

    @Test(arguments: [Sync.stale, .error, .unmatched, .disabled, .uncovered])
    func availabilityIsUnknownUnlessInStep(_ sync: Sync) async throws {
        let h = try APITestHarness(now: Self.now)
        try await Self.seed(h, sync: sync)
        try await Self.blocks(h, [Self.block("b", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z")])
        let reply = await h.send(.get, "/v1/instructors/i-1/availability?\(Self.window)", token: .reader)
        #expect(reply.status == 200)
        let expected: PersonSyncStatus =
            switch sync {
            case .ok: .ok
            case .stale: .stale
            case .error: .error
            case .unmatched: .unmatched
            case .disabled, .uncovered: .disabled
            }
        #expect(reply.json["syncStatus"] as? String == expected.rawValue)
        #expect(reply.json["availability"] as? String == "unknown")
        #expect(reply.json["free"] is NSNull)
        #expect(reply.json["knownFrom"] is NSNull && reply.json["knownUntil"] is NSNull)
        #expect(Self.pairs(reply.json["busy"]) == ["10:00-11:00"])  // what we know is still said
    }

    @Test func staleStatusCarriesTheLastSync() async throws {
        let h = try APITestHarness(now: Self.now)
        try await Self.seed(h, sync: .stale)
        let reply = await h.send(.get, "/v1/instructors/i-1/availability?\(Self.window)", token: .reader)
        #expect(reply.json["lastSyncAt"] as? String == "2026-03-02T11:00:00Z")
    }

    @Test func wholeWindowFreeAndWholeWindowBusy() async throws {
        let h = try APITestHarness(now: Self.now)
        try await Self.seed(h)
        var reply = await h.send(.get, "/v1/instructors/i-1/availability?\(Self.window)", token: .reader)
        #expect(Self.pairs(reply.json["free"]) == ["08:00-18:00"])
        #expect((reply.json["busy"] as? [Any])?.isEmpty == true)
        try await Self.blocks(h, [Self.block("all", "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", showAs: .oof, allDay: true)])
        reply = await h.send(.get, "/v1/instructors/i-1/availability?\(Self.window)", token: .reader)
        #expect((reply.json["free"] as? [Any])?.isEmpty == true)
        let busy = reply.json["busy"] as? [[String: Any]] ?? []
        #expect(busy.first?["allDay"] as? Bool == true && busy.first?["showAs"] as? String == "oof")
    }

    struct WindowCase: Sendable, CustomTestStringConvertible {
        let query: String
        let status: Int
        let code: String
        let field: String
        var testDescription: String { query }
    }

    static let windowCases: [WindowCase] = [
        WindowCase(query: "to=2026-03-02T18:00:00Z", status: 400, code: "invalid_parameter", field: "from"),
        WindowCase(query: "from=2026-03-02T08:00:00Z", status: 400, code: "invalid_parameter", field: "to"),
        WindowCase(query: "from=&to=2026-03-02T18:00:00Z", status: 400, code: "invalid_parameter", field: "from"),
        WindowCase(
            query: "from=2026-03-02T08:00:00&to=2026-03-02T18:00:00Z", status: 400, code: "invalid_parameter", field: "from"),
        WindowCase(query: "from=2026-03-02&to=2026-03-03", status: 400, code: "invalid_parameter", field: "from"),
        WindowCase(query: "from=2026-03-02T08:00:00Z&to=yesterday", status: 400, code: "invalid_parameter", field: "to"),
        WindowCase(
            query: "from=2026-03-02T08:00:00Z&to=2026-02-30T08:00:00Z", status: 400, code: "invalid_parameter", field: "to"),
        WindowCase(query: "from=2026-03-02T08:00:00Z&to=2026-03-02T08:00:00Z", status: 422, code: "invalid_field", field: "to"),
        WindowCase(query: "from=2026-03-02T08:00:00Z&to=2026-03-01T08:00:00Z", status: 422, code: "invalid_field", field: "to"),
        WindowCase(query: "from=2026-01-01T00:00:00Z&to=2027-01-02T00:00:01Z", status: 422, code: "invalid_field", field: "to"),
        WindowCase(
            query: "from=9999-12-30T20:00:00Z&to=9999-12-31T23:00:00-05:00", status: 422, code: "invalid_field",
            field: "to"),
        WindowCase(
            query: "from=0001-01-01T00:00:00%2B01:00&to=0001-01-02T00:00:00Z", status: 422, code: "invalid_field",
            field: "from"),
        // Found by schemathesis: well-formed, but the offset carries `to` into year 0 (a rule, not malformed).
        WindowCase(
            query: "from=2000-06-01T00%3A35%3A06.0Z&to=0001-01-01T00%3A00%3A35%2B00%3A06", status: 422,
            code: "invalid_field", field: "to"),
        WindowCase(
            query: "from=2026-03-02T08:00:00Z&to=2026-03-02T18:00:00Z&tz=UTC", status: 400, code: "unknown_parameter",
            field: "tz"),
        WindowCase(
            query: "from=2026-03-02T08:00:00Z&from=2026-03-02T09:00:00Z&to=2026-03-02T18:00:00Z", status: 400,
            code: "repeated_parameter", field: "from"),
    ]

    @Test(arguments: windowCases) func windowRules(_ c: WindowCase) async throws {
        let h = try APITestHarness(now: Self.now)
        try await Self.seed(h)
        let reply = await h.send(.get, "/v1/instructors/i-1/availability?\(c.query)", token: .reader)
        #expect(reply.status == c.status)
        #expect(reply.errorCode == c.code)
        #expect(reply.errorField == c.field)
    }

    @Test func windowEdgesThatAreAccepted() async throws {
        let h = try APITestHarness(now: Self.now)
        try await Self.seed(h)
        // Exactly 366 days; an unencoded `+` (read back from the space form decoding made of it); fractions.
        for query in [
            "from=2026-01-01T00:00:00Z&to=2027-01-02T00:00:00Z", "from=2026-03-02T09:00:00+01:00&to=2026-03-02T19:00:00+01:00",
            "from=2026-03-02T08:00:00.5Z&to=2026-03-02T18:00:00.000Z",
        ] {
            let reply = await h.send(.get, "/v1/instructors/i-1/availability?\(query)", token: .reader)
            #expect(reply.status == 200, "\(query)")
        }
        let reply = await h.send(
            .get, "/v1/instructors/i-1/availability?from=2026-03-02T09:00:00+01:00&to=2026-03-02T10:00:00-05:00",
            token: .reader)
        #expect(reply.json["from"] as? String == "2026-03-02T08:00:00Z")
        #expect(reply.json["to"] as? String == "2026-03-02T15:00:00Z")
    }

    @Test func unknownPersonIsNotFoundAndRolesApply() async throws {
        let h = try APITestHarness(now: Self.now)
        try await Self.seed(h)
        #expect(await h.send(.get, "/v1/instructors/nobody/availability?\(Self.window)", token: .reader).status == 404)
        #expect(await h.send(.get, "/v1/instructors/bad%20id%00/availability?\(Self.window)", token: .reader).status == 404)
        #expect(await h.send(.get, "/v1/instructors/i-1/availability?\(Self.window)", token: .none).status == 401)
        #expect(await h.send(.get, "/v1/instructors/i-1/availability?\(Self.window)", token: .scheduler).status == 200)
        #expect(await h.send(.get, "/v1/instructors/i-1/availability?\(Self.window)", token: .admin).status == 200)
        let wrongMethod = await h.send(.delete, "/v1/instructors/i-1/availability", token: .reader)
        #expect(wrongMethod.status == 405)
    }

    // MARK: - POST /v1/availability/search

    static var searchWindow: [String: Any] { ["from": "2026-03-02T09:00:00+01:00", "to": "2026-03-02T13:00:00+01:00"] }  // 08-12Z

    /// i-a free all morning, i-b busy 09-10 (free 10-12), i-c busy all morning, i-d stale but free, i-e in lyon.
    static func seedSearch(_ h: APITestHarness) async throws {
        for id in ["i-a", "i-b", "i-c"] { try await seed(h, id) }
        try await seed(h, "i-d", sync: .stale)
        try await seed(h, "i-e", establishment: "lyon")
        try await blocks(h, [block("x", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", person: "i-b")], person: "i-b")
        try await blocks(h, [block("y", "2026-03-02T07:00:00Z", "2026-03-02T13:00:00Z", person: "i-c")], person: "i-c")
    }

    static func search(_ h: APITestHarness, _ extra: [String: Any]) async -> APITestHarness.Reply {
        await h.send(.post, "/v1/availability/search", json: searchWindow.merging(extra) { $1 }, token: .reader)
    }

    @Test func searchQualifiesPeopleFreeForTheWholeWindowFirst() async throws {
        let h = try APITestHarness(now: Self.now)
        try await Self.seedSearch(h)
        let reply = await Self.search(h, ["instructorIds": ["i-c", "i-b", "i-a", "i-d", "i-b"]])
        #expect(reply.status == 200)
        let items = reply.items
        #expect(items.map { $0["instructorId"] as? String } == ["i-a", "i-b", "i-c", "i-d"])
        #expect(items.map { $0["qualifies"] as? Bool } == [true, false, false, false])
        #expect(items.map { $0["freeForWholeRange"] as? Bool } == [true, false, false, false])
        #expect(items.map { $0["availability"] as? String } == ["known", "known", "known", "unknown"])
        #expect(items.map { $0["syncStatus"] as? String } == ["ok", "ok", "ok", "stale"])
        #expect(Self.pairs(items[1]["busy"]) == ["09:00-10:00"])
        #expect(Self.pairs(items[2]["busy"]) == ["08:00-12:00"])
        #expect(
            Set(items[0].keys) == [
                "instructorId", "syncStatus", "availability", "knownFrom", "knownUntil", "freeForWholeRange", "qualifies",
                "busy",
            ])
        let until = "2026-03-02T12:00:00Z"
        #expect(items.map { $0["knownUntil"] as? String } == [until, until, until, nil])
    }

    @Test func searchWithMinFreeMinutesQualifiesALongEnoughStretch() async throws {
        let h = try APITestHarness(now: Self.now)
        try await Self.seedSearch(h)
        var reply = await Self.search(h, ["instructorIds": NSNull(), "establishment": "paris", "minFreeMinutes": 120])
        #expect(reply.items.map { $0["instructorId"] as? String } == ["i-a", "i-b", "i-c", "i-d"])
        #expect(reply.items.map { $0["qualifies"] as? Bool } == [true, true, false, false])
        #expect(reply.items.map { $0["freeForWholeRange"] as? Bool } == [true, false, false, false])
        // Everyone: i-e (lyon, not covered by the integration) is unknown, so never qualifies.
        reply = await Self.search(h, ["minFreeMinutes": 121])
        #expect(reply.items.map { $0["instructorId"] as? String } == ["i-a", "i-b", "i-c", "i-d", "i-e"])
        #expect(reply.items.map { $0["qualifies"] as? Bool } == [true, false, false, false, false])
        #expect(reply.items.last?["syncStatus"] as? String == "disabled")
    }

    @Test func searchFiltersByEstablishment() async throws {
        let h = try APITestHarness(now: Self.now)
        try await Self.seedSearch(h)
        var reply = await Self.search(h, ["establishment": "lyon"])
        #expect(reply.items.map { $0["instructorId"] as? String } == ["i-e"])
        reply = await Self.search(h, ["instructorIds": ["i-a", "i-e"], "establishment": "lyon"])
        #expect(reply.items.map { $0["instructorId"] as? String } == ["i-e"])
        reply = await Self.search(h, ["instructorIds": [String]()])
        #expect(reply.status == 200 && reply.items.isEmpty)
    }

    @Test func searchRejectsBadBodies() async throws {
        let h = try APITestHarness(now: Self.now)
        try await Self.seedSearch(h)
        let cases: [([String: Any], String)] = [
            (["instructorIds": ["i-a", "ghost"]], "instructorIds[1]"),
            (["instructorIds": ["i-a", "bad id"]], "instructorIds[1]"),
            (["instructorIds": "i-a"], "instructorIds"),
            (["instructorIds": Array(repeating: "i-a", count: 1_001)], "instructorIds"),
            (["minFreeMinutes": 0], "minFreeMinutes"),
            (["minFreeMinutes": 1.5], "minFreeMinutes"),
            (["minFreeMinutes": 527_041], "minFreeMinutes"),
            (["establishment": 3], "establishment"),
            (["to": "2026-03-02T07:00:00Z"], "to"),
            (["to": "2027-03-03T08:00:01Z"], "to"),  // 366 days and a second
            (["from": "2026-03-02T09:00:00"], "from"),
            (["from": NSNull()], "from"),
            (["color": "blue"], "color"),
        ]
        for (extra, field) in cases {
            let reply = await Self.search(h, extra)
            #expect(reply.status == 422, "\(extra)")
            #expect(reply.errorField == field, "\(extra)")
        }
        let missing = await h.send(.post, "/v1/availability/search", json: ["to": "2026-03-02T13:00:00Z"], token: .reader)
        #expect(missing.status == 422 && missing.errorField == "from")
        let notJSON = await h.send(.post, "/v1/availability/search", rawBody: "{\"from\":", token: .reader)
        #expect(notJSON.status == 400)
        let text = await h.send(.post, "/v1/availability/search", rawBody: "from=x", contentType: "text/plain", token: .reader)
        #expect(text.status == 415)
        let array = await h.send(.post, "/v1/availability/search", rawBody: "[]", token: .reader)
        #expect(array.status == 422)
        let query = await h.send(.post, "/v1/availability/search?x=1", json: Self.searchWindow, token: .reader)
        #expect(query.status == 400 && query.errorField == "x")
        #expect(await h.send(.post, "/v1/availability/search", json: Self.searchWindow, token: .none).status == 401)
    }

    // MARK: - GET /v1/conflicts

    @Test func conflictsListAssignmentsOverlappingBusyTimeAndEachOther() async throws {
        let h = try APITestHarness(now: Self.now)
        try await Self.seed(h, "i-1")
        try await Self.seed(h, "i-2")
        try await Self.blocks(h, [Self.block("ext", "2026-03-02T09:30:00Z", "2026-03-02T10:30:00Z")])
        try await h.store.saveTrainingEvent(
            TrainingEvent(
                id: "t-1", title: "A", start: Self.at("2026-03-02T09:00:00Z"),
                end: Self.at("2026-03-02T11:00:00Z"), instructorIds: ["i-1"]))
        try await h.store.saveTrainingEvent(
            TrainingEvent(
                id: "t-2", title: "B", start: Self.at("2026-03-02T10:00:00Z"),
                end: Self.at("2026-03-02T12:00:00Z"), instructorIds: ["i-1", "i-2"]))
        try await h.store.saveTrainingEvent(
            TrainingEvent(
                id: "t-3", title: "C", start: Self.at("2026-03-02T12:00:00Z"),
                end: Self.at("2026-03-02T13:00:00Z"), instructorIds: ["i-1"]))
        let reply = await h.send(.get, "/v1/conflicts?\(Self.window)", token: .reader)
        #expect(reply.status == 200)
        let items = reply.items
        let summary = items.map { item -> String in
            let with = item["with"] as? [String: Any] ?? [:]
            return "\(item["instructorId"] ?? "")/\(item["eventId"] ?? "") with \(with["kind"] ?? "") \(with["ref"] ?? "")"
        }
        // By person, event start, event, then the other side's start.
        #expect(
            summary == [
                "i-1/t-1 with external <null>", "i-1/t-1 with training t-2", "i-1/t-2 with training t-1",
                "i-1/t-2 with external <null>",
            ])
        #expect(items[0]["eventStart"] as? String == "2026-03-02T09:00:00Z")
        #expect(items[0]["eventEnd"] as? String == "2026-03-02T11:00:00Z")
        let with = items[0]["with"] as? [String: Any] ?? [:]
        #expect(with["start"] as? String == "2026-03-02T09:30:00Z" && with["end"] as? String == "2026-03-02T10:30:00Z")
        #expect(reply.json["nextCursor"] is NSNull)

        let mine = await h.send(.get, "/v1/conflicts?\(Self.window)&instructorId=i-2", token: .reader)
        #expect(mine.status == 200 && mine.items.isEmpty)
        let outside = await h.send(.get, "/v1/conflicts?from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z", token: .reader)
        #expect(outside.items.isEmpty)

        let first = await h.send(.get, "/v1/conflicts?\(Self.window)&limit=3", token: .reader)
        #expect(first.items.count == 3)
        let cursor = try #require(first.json["nextCursor"] as? String)
        let second = await h.send(.get, "/v1/conflicts?\(Self.window)&limit=3&cursor=\(cursor)", token: .reader)
        #expect(second.items.count == 1 && (second.items.first?["with"] as? [String: Any])?["kind"] as? String == "external")
        #expect(second.json["nextCursor"] is NSNull)
    }

    @Test func conflictsValidateTheirQuery() async throws {
        let h = try APITestHarness(now: Self.now)
        try await Self.seed(h)
        let cases: [(String, Int, String?)] = [
            ("", 400, "from"),
            ("from=2026-03-02T08:00:00Z", 400, "to"),
            ("from=2026-03-02T08:00:00Z&to=2026-03-01T08:00:00Z", 422, "to"),
            ("\(Self.window)&instructorId=nobody", 404, nil),
            ("\(Self.window)&instructorId=bad%20id", 400, "instructorId"),
            ("\(Self.window)&limit=0", 400, "limit"),
            ("\(Self.window)&cursor=zzz", 400, "cursor"),
            ("\(Self.window)&status=open", 400, "status"),
        ]
        for (query, status, field) in cases {
            let reply = await h.send(.get, "/v1/conflicts?\(query)", token: .reader)
            #expect(reply.status == status, "\(query)")
            #expect(reply.errorField == field, "\(query)")
        }
        #expect(await h.send(.get, "/v1/conflicts?\(Self.window)", token: .none).status == 401)
    }
}
