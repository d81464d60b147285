import CalSyncHTTP
import Foundation
import GoogleEmulator
import Testing

@Suite struct GoogleFaultTests {
    static let event = #"{"id":"f0000000001","summary":"Training","start":{"date":"2026-03-10"},"end":{"date":"2026-03-11"}}"#

    @Test(arguments: [
        ("rateLimit403", 403, "error-403-rateLimitExceeded.json"),
        ("userRateLimit403", 403, "error-403-userRateLimitExceeded.json"),
        ("rateLimit429", 429, "error-429-rateLimitExceeded.json"), ("quotaExceeded403", 403, "error-403-quotaExceeded.json"),
        ("backendError500", 500, "error-500-backendError.json"), ("unavailable503", 503, ""),
    ])
    func eachFaultAnswersAsGoogleDocumentsItAndChangesNothing(name: String, status: Int, fixture: String) async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        h.emulator.setFaults(try GoogleFaults(json: [.init(stringLiteral: name): 1]))
        let reply = await h.send(.post, GoogleHarness.events, body: Self.event, token: token)
        #expect(reply.status == status)
        if !fixture.isEmpty { #expect(reply.json == (try GoogleHarness.fixture(fixture))) }
        #expect(reply.header("Retry-After") == nil)
        #expect(h.emulator.storedEvent(user: GoogleHarness.ada, eventId: "f0000000001") == nil)
        #expect(h.emulator.stats().faultsInjected[name] == 1)
        #expect(h.emulator.stats().person(GoogleHarness.ada).backoffAnswers == 1)
        h.emulator.setFaults(GoogleFaults())
        #expect(await h.send(.post, GoogleHarness.events, body: Self.event, token: token).status == 200)
    }

    @Test func aServerErrorAfterCommitMakesTheRetryA409Duplicate() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        h.emulator.setFaults(try GoogleFaults(json: ["backendError500AfterCommit": 1]))
        let first = await h.send(.post, GoogleHarness.events, body: Self.event, token: token)
        #expect(first.status == 500)
        #expect(h.emulator.storedEvent(user: GoogleHarness.ada, eventId: "f0000000001")?["summary"] == "Training")
        h.emulator.setFaults(GoogleFaults())
        let retry = await h.send(.post, GoogleHarness.events, body: Self.event, token: token)
        #expect(retry.status == 409)
        let stats = h.emulator.stats()
        #expect(stats.faultsInjected["backendError500AfterCommit"] == 1)
        #expect(stats.person(GoogleHarness.ada).duplicates409 == 1)
        // Reads are never "after commit".
        h.emulator.setFaults(try GoogleFaults(json: ["backendError500AfterCommit": 1]))
        #expect(await h.send(.get, GoogleHarness.events, token: token).status == 200)
    }

    @Test func resetsDropTheConnectionAndExpiredSyncTokensStayExpired() async throws {
        let h = try GoogleHarness()
        let token = try h.token()
        let syncToken = try #require(await h.listAll([("singleEvents", "true")], token: token).syncToken)
        h.emulator.setFaults(try GoogleFaults(json: ["connectionReset": 1]))
        let reset = await h.send(.post, GoogleHarness.events, body: Self.event, token: token)
        #expect(reset.response.dropsConnection)
        #expect(h.emulator.storedEvent(user: GoogleHarness.ada, eventId: "f0000000001") == nil)
        h.emulator.setFaults(try GoogleFaults(json: ["syncTokenExpiry": 1]))
        // Without a sync token, no such fault.
        #expect(await h.send(.get, GoogleHarness.events + "?singleEvents=true", token: token).status == 200)
        let gone = await h.send(.get, GoogleHarness.events + "?singleEvents=true&syncToken=\(syncToken)", token: token)
        #expect(gone.status == 410)
        #expect(gone.reason == "fullSyncRequired")
        h.emulator.setFaults(GoogleFaults())
        #expect(
            await h.send(.get, GoogleHarness.events + "?singleEvents=true&syncToken=\(syncToken)", token: token).status == 410)
    }

    @Test func aSeedGivesTheSameFaultsEveryRun() async throws {
        func statuses() async throws -> [Int] {
            let h = try GoogleHarness()
            let token = try h.token()
            h.emulator.setFaults(
                try GoogleFaults(json: ["rateLimit403": .number(0.3), "unavailable503": .number(0.2), "seed": 42]))
            var result: [Int] = []
            for _ in 0..<30 { result.append(await h.send(.get, "/calendar/v3/calendars/primary", token: token).status) }
            return result
        }
        let first = try await statuses()
        #expect(first == (try await statuses()))
        #expect(Set(first) == [200, 403, 503])
    }

    @Test func theRealQuotasCountCallsPerUserAndPerProjectInASlidingMinute() async throws {
        let h = try GoogleHarness()
        h.emulator.setFaults(try GoogleFaults(json: ["userRequestsPerMinute": 3, "projectRequestsPerMinute": 5]))
        let ada = try h.token()
        let grace = try h.token(GoogleHarness.grace)
        for _ in 0..<3 { #expect(await h.send(.get, "/calendar/v3/calendars/primary", token: ada).status == 200) }
        let limited = await h.send(.get, "/calendar/v3/calendars/primary", token: ada)
        #expect(limited.status == 403)
        #expect(limited.reason == "userRateLimitExceeded")
        #expect(await h.send(.get, "/calendar/v3/calendars/primary", token: grace).status == 200)
        #expect(await h.send(.get, "/calendar/v3/calendars/primary", token: grace).status == 200)
        let project = await h.send(.get, "/calendar/v3/calendars/primary", token: grace)
        #expect(project.status == 403)
        #expect(project.reason == "rateLimitExceeded")
        h.clock.advance(by: 61)
        #expect(await h.send(.get, "/calendar/v3/calendars/primary", token: ada).status == 200)
        #expect(h.emulator.stats().faultsInjected["userQuota"] == 1)
        #expect(h.emulator.stats().faultsInjected["projectQuota"] == 1)
        // Every call of a batch counts.
        h.clock.advance(by: 61)
        let body = GoogleBatchTests.body(
            Array(repeating: ("GET", "/calendar/v3/calendars/primary", nil, ada), count: 4), boundary: GoogleBatchTests.boundary)
        let batch = await h.send(
            .post, "/batch/calendar/v3", body: body, token: ada,
            headers: ["Content-Type": "multipart/mixed; boundary=\"\(GoogleBatchTests.boundary)\""])
        #expect(try GoogleBatchTests.parts(batch).map(\.status) == [200, 200, 200, 403])
    }

    @Test func requestsInsideABackoffAreCountedPerPerson() async throws {
        // The emulator times back-offs on the wall clock (it watches a real client): the back-off is long enough that
        // "at once" stays inside it on a loaded machine, and the test waits it out before "after it".
        var configuration = GoogleEmulatorConfiguration()
        configuration.minimumBackoffSeconds = 5
        let h = try GoogleHarness(configuration: configuration)
        let ada = try h.token()
        let grace = try h.token(GoogleHarness.grace)
        h.emulator.setFaults(try GoogleFaults(json: ["rateLimit403": 1]))
        #expect(await h.send(.get, "/calendar/v3/calendars/primary", token: ada).status == 403)
        h.emulator.setFaults(GoogleFaults())
        #expect(await h.send(.get, "/calendar/v3/calendars/primary", token: ada).status == 200)  // at once: inside
        #expect(await h.send(.get, "/calendar/v3/calendars/primary", token: grace).status == 200)  // another person
        try await Task.sleep(for: .milliseconds(5_100))
        #expect(await h.send(.get, "/calendar/v3/calendars/primary", token: ada).status == 200)  // after it
        let stats = h.emulator.stats()
        #expect(stats.person(GoogleHarness.ada).requestsInsideBackoff == 1)
        #expect(stats.person(GoogleHarness.grace).requestsInsideBackoff == 0)
        #expect(stats.requestsInsideBackoff == 1)
        #expect(stats.backoffViolations.first?.person == GoogleHarness.ada)
        #expect(stats.backoffViolations.first?.backoffSeconds == 5)

        // With a Retry-After longer than the minimum, the back-off is that long.
        h.emulator.setFaults(try GoogleFaults(json: ["rateLimit429": 1, "retryAfterSeconds": 120]))
        let throttled = await h.send(.get, "/calendar/v3/calendars/primary", token: grace)
        #expect(throttled.header("Retry-After") == "120")
        h.emulator.setFaults(GoogleFaults())
        try await Task.sleep(for: .milliseconds(5_100))  // past the minimum, inside the Retry-After
        #expect(await h.send(.get, "/calendar/v3/calendars/primary", token: grace).status == 200)
        #expect(h.emulator.stats().person(GoogleHarness.grace).requestsInsideBackoff == 1)
        #expect(h.emulator.stats().backoffViolations.last?.backoffSeconds == 120)
    }

    @Test func concurrencyIsMeasuredPerPersonAndABatchCountsOnce() async throws {
        let h = try GoogleHarness()
        let ada = try h.token()
        h.emulator.setFaults(try GoogleFaults(json: ["addedLatencyMs": 150]))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { _ = await h.send(.get, "/calendar/v3/calendars/primary", token: ada) } }
            group.addTask { _ = await h.send(.get, "/calendar/v3/calendars/primary", token: try? h.token(GoogleHarness.grace)) }
        }
        #expect(h.emulator.stats().person(GoogleHarness.ada).maxInFlight == 3)
        #expect(h.emulator.stats().person(GoogleHarness.grace).maxInFlight == 1)
        #expect(h.emulator.stats().maxInFlight == 4)
        h.emulator.resetStats()
        let body = GoogleBatchTests.body(
            Array(repeating: ("GET", "/calendar/v3/calendars/primary", nil, ada), count: 5), boundary: GoogleBatchTests.boundary)
        _ = await h.send(
            .post, "/batch/calendar/v3", body: body, token: ada,
            headers: ["Content-Type": "multipart/mixed; boundary=\"\(GoogleBatchTests.boundary)\""])
        #expect(h.emulator.stats().person(GoogleHarness.ada).maxInFlight == 1)
        #expect(h.emulator.stats().person(GoogleHarness.ada).requests == 5)
    }

    @Test func theSideDoorSetsReadsAndRefusesFaults() async throws {
        let h = try GoogleHarness()
        let set = await h.send(
            .post, "/_emulator/faults", body: #"{"rateLimit429":0.25,"retryAfterSeconds":[1,3],"userRequestsPerMinute":100}"#,
            token: nil)
        #expect(set.status == 200)
        #expect(set.json["rateLimit429"] == .number(0.25))
        #expect(set.json["retryAfterSeconds"] == [1, 3])
        let merged = await h.send(.patch, "/_emulator/faults", body: #"{"unavailable503":0.1}"#, token: nil)
        #expect(merged.json["rateLimit429"] == .number(0.25))
        #expect(merged.json["unavailable503"] == .number(0.1))
        #expect(h.emulator.faults().userRequestsPerMinute == 100)
        let typo = await h.send(.post, "/_emulator/faults", body: #"{"rateLimit249":0.25}"#, token: nil)
        #expect(typo.status == 400)
        #expect(typo.message?.hasPrefix("Unknown fault 'rateLimit249'.") == true)
        #expect(await h.send(.post, "/_emulator/faults", body: #"{"rateLimit429":2}"#, token: nil).status == 400)
        #expect(await h.send(.post, "/_emulator/faults", body: #"{"projectRateLimitStatus":500}"#, token: nil).status == 400)
        #expect(await h.send(.post, "/_emulator/faults", body: "{}", token: nil).json == GoogleFaults().json)
        #expect(await h.send(.get, "/_emulator/faults", token: nil).json == GoogleFaults().json)
    }

    @Test func theTokenEndpointFailsOnlyWhenAskedTo() async throws {
        let h = try GoogleHarness()
        h.emulator.setFaults(try GoogleFaults(json: ["unavailable503": 1]))
        #expect(await h.requestToken(try h.assertion(h.claims())).status == 200)
        h.emulator.setFaults(try GoogleFaults(json: ["unavailable503": 1, "faultTokenEndpoint": true]))
        let refused = await h.requestToken(try h.assertion(h.claims()))
        #expect(refused.status == 503)
        #expect(refused.json["error"] == "temporarily_unavailable")
    }

    @Test func aShorterTokenLifetimeCutsLiveTokens() async throws {
        let h = try GoogleHarness()
        let token = try #require(await h.requestToken(try h.assertion(h.claims())).json["access_token"]?.stringValue)
        h.emulator.setFaults(try GoogleFaults(json: ["accessTokenLifetimeSeconds": 60]))
        #expect(await h.requestToken(try h.assertion(h.claims())).json["expires_in"] == 60)
        h.clock.advance(by: 61)
        #expect(await h.send(.get, "/calendar/v3/calendars/primary", token: token).status == 401)
    }

    @Test func statsShowPersonsRoutesAndReset() async throws {
        let h = try GoogleHarness()
        _ = await h.send(.get, GoogleHarness.events, token: try h.token())
        _ = await h.send(.get, GoogleHarness.events + "/nosuchevent00", token: try h.token())
        let stats = await h.send(.get, "/_emulator/stats", token: nil)
        #expect(stats.json["persons"]?["ada@fabrikam.example"]?["requests"] == 2)
        let rows = stats.json["requests"]?.arrayValue ?? []
        #expect(rows.contains(["route": "GET /calendar/v3/calendars/{calendarId}/events/{eventId}", "status": 404, "count": 1]))
        #expect(await h.send(.post, "/_emulator/stats/reset", token: nil).status == 204)
        #expect(h.emulator.stats().total == 1)  // the reset itself is counted after it
    }
}
