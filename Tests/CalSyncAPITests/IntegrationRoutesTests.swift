import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

@testable import CalSyncAPI

@Suite struct IntegrationRoutesTests {
    func harness() throws -> APITestHarness { try APITestHarness(now: AdminFixture.now) }

    func text(_ reply: APITestHarness.Reply) -> String { String(decoding: reply.body, as: UTF8.self) }

    /// A JSON object written as text (test arguments must be Sendable).
    func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    // MARK: - Create, read, list

    @Test func createAnswersTheIntegrationAndNeverItsSecret() async throws {
        let h = try harness()
        let created = await h.send(
            .post, "/v1/integrations", json: AdminFixture.createBody(["establishments": ["paris", "lyon"]]))
        #expect(created.status == 201)
        let id = try #require(created.json["id"] as? String)
        #expect(id.hasPrefix("int_"))
        #expect(created.headers["Location"] == "/v1/integrations/\(id)")
        #expect(created.json["status"] as? String == "active")
        #expect(created.json["type"] as? String == "microsoft365")
        #expect(created.json["establishments"] as? [String] == ["paris", "lyon"])
        #expect(created.json["graphBaseURL"] as? String == "https://graph.microsoft.com/v1.0")
        #expect(created.json["authorityHost"] as? String == "https://login.microsoftonline.com")
        #expect(created.json["createdAt"] as? String == "2026-03-01T00:00:00Z")
        #expect(created.json["clientSecretSet"] as? Bool == true)
        let settings = try #require(created.json["settings"] as? [String: Any])
        #expect(settings["syncIntervalSeconds"] as? Int == 300)
        #expect((settings["workday"] as? [String: Any])?["end"] as? String == "17:30")
        #expect(created.json["clientSecret"] == nil)

        let read = await h.send(.get, "/v1/integrations/\(id)")
        #expect(read.status == 200)
        #expect(read.json["name"] as? String == "Contoso M365")
        let list = await h.send(.get, "/v1/integrations")
        #expect(list.items.map { $0["id"] as? String } == [id])
        for reply in [created, read, list] {
            #expect(!text(reply).contains(AdminFixture.secret))
        }
        // Stored for the worker all the same.
        #expect(try await h.store.integration(id: id)?.connection.secret.revealed == AdminFixture.secret)
    }

    @Test func createAcceptsLoopbackHTTPAndNormalisesURLs() async throws {
        let h = try harness()
        for (graph, login) in [
            ("http://127.0.0.1:8080/v1.0/", "http://localhost:8080"), ("http://[::1]:9000/v1.0", "https://login.example.com/"),
            ("https://graph.microsoft.us/v1.0", "http://127.5.6.7"),
        ] {
            let reply = await h.send(
                .post, "/v1/integrations", json: AdminFixture.createBody(["graphBaseURL": graph, "authorityHost": login]))
            #expect(reply.status == 201, "\(graph) \(login): \(text(reply))")
            #expect((reply.json["graphBaseURL"] as? String)?.hasSuffix("/") == false)
            #expect((reply.json["authorityHost"] as? String)?.hasSuffix("/") == false)
        }
    }

    @Test(arguments: [
        (#"{"graphBaseURL": "http://graph.microsoft.com/v1.0"}"#, "graphBaseURL"),
        (#"{"authorityHost": "http://10.0.0.1"}"#, "authorityHost"),
        (#"{"graphBaseURL": "ftp://127.0.0.1/v1.0"}"#, "graphBaseURL"),
        (#"{"graphBaseURL": "graph.microsoft.com/v1.0"}"#, "graphBaseURL"),
        (#"{"graphBaseURL": "https://user:pw@graph.microsoft.com"}"#, "graphBaseURL"),
        (#"{"authorityHost": "https://login.microsoftonline.com?x=1"}"#, "authorityHost"),
        (#"{"graphBaseURL": "https://graph microsoft.com"}"#, "graphBaseURL"),
        (#"{"graphBaseURL": 42}"#, "graphBaseURL"),
        (#"{"type": "google"}"#, "clientId"),
        (#"{"name": ""}"#, "name"),
        (#"{"tenantId": "../evil"}"#, "tenantId"),
        (#"{"clientId": "a b"}"#, "clientId"),
        (#"{"clientSecret": ""}"#, "clientSecret"),
        (#"{"clientSecret": 12}"#, "clientSecret"),
        (#"{"establishments": "paris"}"#, "establishments"),
        (#"{"establishments": ["paris", ""]}"#, "establishments[1]"),
        (#"{"settings": "fast"}"#, "settings"),
    ])
    func createRejectsBadFields(overrides: String, field: String) async throws {
        let h = try harness()
        let reply = await h.send(.post, "/v1/integrations", json: AdminFixture.createBody(try object(overrides)))
        #expect(reply.status == 422)
        #expect(reply.errorField == field)
        #expect(!text(reply).contains(AdminFixture.secret))
        #expect(try await h.store.integrations().isEmpty)
    }

    @Test func createNeedsEveryRequiredFieldAndNoOther() async throws {
        let h = try harness()
        for field in ["name", "tenantId", "clientId", "clientSecret"] {
            var body = AdminFixture.createBody()
            body[field] = nil
            let reply = await h.send(.post, "/v1/integrations", json: body)
            #expect(reply.status == 422 && reply.errorField == field, "\(field)")
        }
        let unknown = await h.send(.post, "/v1/integrations", json: AdminFixture.createBody(["secret": "x"]))
        #expect(unknown.status == 422)
        #expect(unknown.errorCode == "unknown_field")
        #expect(unknown.errorField == "secret")
        let noType = await h.send(.post, "/v1/integrations", json: AdminFixture.createBody(["type": NSNull()]))
        #expect(noType.status == 201)
    }

    @Test(arguments: [
        (#"{"syncIntervalSeconds": 59}"#, "settings.syncIntervalSeconds"),
        (#"{"syncIntervalSeconds": 86401}"#, "settings.syncIntervalSeconds"),
        (#"{"syncIntervalSeconds": 300.5}"#, "settings.syncIntervalSeconds"),
        (#"{"pastDays": 32}"#, "settings.pastDays"),
        (#"{"pastDays": -1}"#, "settings.pastDays"),
        (#"{"futureDays": 0}"#, "settings.futureDays"),
        (#"{"futureDays": 731}"#, "settings.futureDays"),
        (#"{"tentativeCountsAsBusy": "yes"}"#, "settings.tentativeCountsAsBusy"),
        (#"{"eventSubjectTemplate": ""}"#, "settings.eventSubjectTemplate"),
        (#"{"absenceShowAs": "free"}"#, "settings.absenceShowAs"),
        (#"{"workday": {"start": "25:00"}}"#, "settings.workday.start"),
        (#"{"workday": {"end": "5pm"}}"#, "settings.workday.end"),
        (#"{"workday": {"start": "18:00", "end": "09:00"}}"#, "settings.workday.start"),
        (#"{"workday": {"lunch": "12:00"}}"#, "settings.workday.lunch"),
        (#"{"workday": "9-5"}"#, "settings.workday"),
        (#"{"halfDay": {"amEnd": "14:00", "pmStart": "13:00"}}"#, "settings.halfDay.amEnd"),
        (#"{"halfDay": {"amEnd": "08:00"}}"#, "settings.halfDay.amEnd"),
        (#"{"halfDay": {"pmStart": "18:00"}}"#, "settings.halfDay.pmStart"),
        (#"{"colour": "blue"}"#, "settings.colour"),
        (#"{"pastDays": null}"#, "settings.pastDays"),
    ])
    func settingsAreValidatedKeyByKey(settings: String, field: String) async throws {
        let h = try harness()
        let reply = await h.send(.post, "/v1/integrations", json: AdminFixture.createBody(["settings": try object(settings)]))
        #expect(reply.status == 422)
        #expect(reply.errorField == field)
    }

    @Test func settingsGivenKeepTheDefaultsOfTheOthers() async throws {
        let h = try harness()
        let reply = await h.send(
            .post, "/v1/integrations",
            json: AdminFixture.createBody([
                "settings": [
                    "syncIntervalSeconds": 60, "absenceShowAs": "oof", "workday": ["start": "08:00"],
                    "halfDay": ["amEnd": "12:00", "pmStart": "12:00"],
                ]
            ]))
        #expect(reply.status == 201)
        let settings = try #require(reply.json["settings"] as? [String: Any])
        #expect(settings["syncIntervalSeconds"] as? Int == 60)
        #expect(settings["absenceShowAs"] as? String == "oof")
        #expect(settings["futureDays"] as? Int == 180)
        #expect(settings["workday"] as? [String: String] == ["start": "08:00", "end": "17:30"])
        #expect(settings["halfDay"] as? [String: String] == ["amEnd": "12:00", "pmStart": "12:00"])
        let id = try #require(reply.json["id"] as? String)
        #expect(try await h.store.integration(id: id)?.settings.workday.start == LocalTime("08:00"))
    }

    @Test func badBodiesAnswer415And400() async throws {
        let h = try harness()
        let wrongType = await h.send(.post, "/v1/integrations", rawBody: "name=x", contentType: "text/plain")
        #expect(wrongType.status == 415)
        let malformed = await h.send(.post, "/v1/integrations", rawBody: "{\"name\": ")
        #expect(malformed.status == 400)
        let empty = await h.send(.post, "/v1/integrations", rawBody: "")
        #expect(empty.status == 400 || empty.status == 415)
        let array = await h.send(.post, "/v1/integrations", rawBody: "[]")
        #expect(array.status == 422)
        let query = await h.send(.post, "/v1/integrations?dryRun=true", json: AdminFixture.createBody())
        #expect(query.status == 400)
    }

    @Test func everyRouteNeedsTheAdminRole() async throws {
        let h = try harness()
        let id = try await AdminFixture.createIntegration(h)
        let routes: [(HTTPMethod, String, Any?)] = [
            (.post, "/v1/integrations", AdminFixture.createBody()), (.get, "/v1/integrations", nil),
            (.get, "/v1/integrations/\(id)", nil), (.patch, "/v1/integrations/\(id)", ["name": "x"]),
            (.delete, "/v1/integrations/\(id)", nil),
            (.post, "/v1/integrations/\(id)/initialize", ["since": "2026-01-01"]),
        ]
        for (method, path, body) in routes {
            for token in [APITestHarness.Token.reader, .scheduler] {
                let reply = await h.send(method, path, json: body, token: token)
                #expect(reply.status == 403, "\(method) \(path) \(token)")
            }
            let anonymous = await h.send(method, path, json: body, token: .none)
            #expect(anonymous.status == 401, "\(method) \(path)")
        }
        #expect(try await h.store.integrations().map(\.id) == [id])
    }

    @Test func listPagesInCreationOrder() async throws {
        let h = try harness()
        var ids: [String] = []
        for _ in 0..<3 { ids.append(try await AdminFixture.createIntegration(h)) }
        let first = await h.send(.get, "/v1/integrations?limit=2")
        #expect(first.status == 200)
        #expect(first.items.count == 2)
        let cursor = try #require(first.json["nextCursor"] as? String)
        let second = await h.send(.get, "/v1/integrations?limit=2&cursor=\(cursor)")
        #expect(second.items.count == 1)
        #expect(second.json["nextCursor"] is NSNull)
        let seen = (first.items + second.items).compactMap { $0["id"] as? String }
        #expect(Set(seen) == Set(ids) && seen.count == 3)
        #expect(await h.send(.get, "/v1/integrations?limit=0").status == 400)
        #expect(await h.send(.get, "/v1/integrations?cursor=nope").status == 400)
        #expect(await h.send(.get, "/v1/integrations?sort=name").status == 400)
    }

    @Test func unknownIdsAnswer404() async throws {
        let h = try harness()
        for path in ["/v1/integrations/int_missing", "/v1/integrations/%00weird"] {
            #expect(await h.send(.get, path).status == 404)
            #expect(await h.send(.patch, path, json: ["name": "x"]).status == 404)
            #expect(await h.send(.delete, path).status == 404)
            #expect(await h.send(.post, path + "/initialize", json: ["since": "2026-01-01"]).status == 404)
        }
    }
}
