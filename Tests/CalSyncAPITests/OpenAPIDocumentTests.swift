import CalSyncCore
import CalSyncHTTP
import CalSyncProviders
import CalSyncTesting
import CalSyncWorker
import Foundation
import Testing

@testable import CalSyncAPI

/// The OpenAPI document (deploy/openapi.json): built into the binary byte for byte, served by `GET /openapi.json`,
/// and naming exactly the routes the router has.
@Suite struct OpenAPIDocumentTests {
    static let committed = Fixtures.packageRoot.appendingPathComponent("deploy/openapi.json")

    /// The HTTP methods an OpenAPI path item may hold.
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.data) as? [String: Any])
    }

    @Test func theEmbeddedCopyIsTheCommittedFileByteForByte() throws {
        let file = try Data(contentsOf: Self.committed)
        // On a difference, run deploy/embed-openapi.sh.
        #expect(
            OpenAPIDocument.data == file, "Sources/CalSyncAPI/OpenAPIDocument+Bundled.swift is stale: run deploy/embed-openapi.sh"
        )
    }

    @Test func itIsAnOpenAPI31Document() throws {
        let doc = try document()
        #expect(doc["openapi"] as? String == "3.1.0")
        let schemes = (doc["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
        let bearer = schemes?["bearer"] as? [String: Any]
        #expect(bearer?["type"] as? String == "http")
        #expect(bearer?["scheme"] as? String == "bearer")
    }

    @Test func everyRouteIsInTheDocumentWithItsMethodAndViceVersa() throws {
        let h = try APITestHarness()
        let routed = Set(CalSyncAPI.router(h.context).routes.map { "\($0.method.rawValue) \($0.pattern)" })
        let paths = try #require(try document()["paths"] as? [String: Any])
        var documented = Set<String>()
        for (path, item) in paths {
            let item = try #require(item as? [String: Any])
            for method in Self.methods where item[method] != nil { documented.insert("\(method.uppercased()) \(path)") }
        }
        #expect(routed.subtracting(documented).sorted() == [], "routes missing from deploy/openapi.json")
        #expect(documented.subtracting(routed).sorted() == [], "operations in deploy/openapi.json that no route serves")
        #expect(routed.count == CalSyncAPI.router(h.context).routes.count, "a method and pattern registered twice")
    }

    /// The admin pages are HTML for people, not the JSON API: their routes all live under `/admin`, the API router
    /// has none there, and the document names none of them (the rule that keeps the test above exact).
    @Test func theAdminPagesAreOutsideTheDocumentByTheirPrefix() throws {
        let h = try APITestHarness()
        let admin = AdminSite(context: h.context, authenticator: Authenticator(tokens: []), logger: .silent)
        #expect(admin.routes.count > 10)
        #expect(admin.routes.allSatisfy { AdminSite.owns(path: $0.pattern) })
        #expect(!CalSyncAPI.router(h.context).routes.contains { AdminSite.owns(path: $0.pattern) })
        let paths = try #require(try document()["paths"] as? [String: Any])
        #expect(!paths.keys.contains { AdminSite.owns(path: $0) })
        #expect(!AdminSite.owns(path: "/administrators") && AdminSite.owns(path: "/admin") && AdminSite.owns(path: "/admin/x"))
    }

    /// Each operation's security and `x-calsync-role` say what the route's role is: none for the health checks,
    /// the bearer token with the least role otherwise.
    @Test func everyOperationNamesTheRoleItsRouteNeeds() throws {
        let h = try APITestHarness()
        let paths = try #require(try document()["paths"] as? [String: Any])
        for route in CalSyncAPI.router(h.context).routes {
            let item = try #require(paths[route.pattern] as? [String: Any])
            let operation = try #require(item[route.method.rawValue.lowercased()] as? [String: Any])
            let security = try #require(operation["security"] as? [[String: Any]], "\(route.pattern)")
            let role = operation["x-calsync-role"] as? String
            #expect(role == route.role?.rawValue, "\(route.method.rawValue) \(route.pattern)")
            if route.role == nil {
                #expect(security.isEmpty, "\(route.method.rawValue) \(route.pattern) needs no token")
            } else {
                #expect(security.count == 1 && security[0]["bearer"] != nil, "\(route.method.rawValue) \(route.pattern)")
                let responses = try #require(operation["responses"] as? [String: Any])
                #expect(responses["401"] != nil && responses["403"] != nil, "\(route.method.rawValue) \(route.pattern)")
            }
        }
    }

    @Test func getOpenAPIJSONServesTheCommittedBytesToAReader() async throws {
        let h = try APITestHarness()
        let reply = await h.send(.get, "/openapi.json", token: .reader)
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"] == "application/json")
        #expect(reply.body == (try Data(contentsOf: Self.committed)))
        #expect(await h.send(.get, "/openapi.json", token: .none).status == 401)
        #expect(await h.send(.get, "/openapi.json?x=1", token: .reader).status == 400)
    }

    /// The document's time-zone names are all ones the server accepts (it lists the IANA names of the tz database).
    @Test func everyTimeZoneOfTheDocumentIsAcceptedByTheServer() throws {
        let schemas = try #require((try document()["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let names = try #require((schemas["TimeZoneName"] as? [String: Any])?["enum"] as? [String])
        #expect(names.count > 400)
        #expect(names.contains("Europe/Paris") && names.contains("UTC"))
        for name in names {
            let input = JSONInput(fields: ["timeZone": .string(name)])
            #expect(try input.timeZone("timeZone") == name)
        }
    }
}

extension OpenAPIDocumentTests {
    /// The status's `diagnosis` is documented as starting with one of the verdicts: every verdict the code can give,
    /// with its details, must match that pattern (schemathesis holds the server to it).
    @Test func everyDiagnosisVerdictMatchesTheDocumentedPattern() throws {
        let schemas = try #require(document()["components"] as? [String: Any])["schemas"] as? [String: Any]
        let status = try #require(schemas?["SyncStatus"] as? [String: Any])
        let integrations = try #require((status["properties"] as? [String: Any])?["integrations"] as? [String: Any])
        let item = try #require(integrations["items"] as? [String: Any])
        let diagnosis = try #require((item["properties"] as? [String: Any])?["diagnosis"] as? [String: Any])
        let pattern = try NSRegularExpression(pattern: try #require(diagnosis["pattern"] as? String))
        let verdicts: [SyncDiagnosis.Verdict] = [
            .ok, .purging, .inactive, .noneMatched, .directoryFailing, .authentication, .outage(failing: ["i-1"]),
            .somePeople(failing: ["i-1"]), .everyone,
        ]
        let detailed = [
            SyncDiagnosis.somePeople + " (i-1: its sync fails)", "ok; 1 person unmatched (i-2)",
            SyncDiagnosis.outage + " (HTTP 503 serviceNotAvailable for 2 of 3 people); 1 person unmatched (i-2)",
        ]
        // In the words of each calendar system of this build (its advice names its own settings).
        let integration = Integration(id: "m", name: "M", tenantId: "t", clientId: "c", clientSecret: Secret("s"))
        let advice = ProviderRegistry.standardVocabularies.all.map { $0.advice(for: integration.connection) }
        #expect(!advice.isEmpty)
        let spoken = advice.flatMap { advice in verdicts.map { $0.sentence(advice) } }
        for sentence in spoken + detailed {
            let range = NSRange(sentence.startIndex..., in: sentence)
            #expect(pattern.firstMatch(in: sentence, range: range) != nil, "\(sentence)")
        }
    }
}
