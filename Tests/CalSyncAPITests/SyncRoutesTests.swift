import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncStore
import CalSyncWorker
import Foundation
import Testing

@testable import CalSyncAPI

@Suite struct SyncRoutesTests {
    func harness() throws -> APITestHarness { try APITestHarness(now: AdminFixture.now) }

    func text(_ reply: APITestHarness.Reply) -> String { String(decoding: reply.body, as: UTF8.self) }

    // MARK: - POST /v1/sync

    @Test func syncRequestsAreHandedToTheWorker() async throws {
        let h = try harness()
        try await AdminFixture.seedIntegration(h.store, "m365", establishments: ["paris"])
        try await AdminFixture.seedPerson(h.store, "i-1", establishment: "paris", integrationId: "m365")

        let all = await h.send(.post, "/v1/sync")
        #expect(all.status == 202)
        #expect(all.json["runId"] as? String == "1")
        let nulls = await h.send(.post, "/v1/sync", json: ["integrationId": NSNull(), "instructorId": NSNull()])
        #expect(nulls.json["runId"] as? String == "2")
        let one = await h.send(.post, "/v1/sync", json: ["integrationId": "m365", "instructorId": "i-1"])
        #expect(one.status == 202)
        let requests = h.control.syncRequests
        #expect(requests.count == 3)
        #expect(requests[0].integrationId == nil && requests[0].instructorId == nil)
        #expect(requests[2].integrationId == "m365" && requests[2].instructorId == "i-1")
    }

    /// An admin accepts what the mass-deletion guard held for a person: the flag is set on their pull state (their
    /// next pull applies the deletions) and a sync is started; with nothing held there is nothing to accept (409).
    @Test func heldDeletionsAreAcceptedThroughASyncRequest() async throws {
        let h = try harness()
        try await AdminFixture.seedIntegration(h.store, "m365")
        try await AdminFixture.seedPerson(h.store, "i-1", establishment: nil, integrationId: "m365")
        let nothing = await h.send(.post, "/v1/sync", json: ["instructorId": "i-1", "acceptDeletions": true])
        #expect(nothing.status == 409 && nothing.errorCode == "conflict")
        #expect(h.control.syncRequests.isEmpty)

        try await h.store.saveSyncState(
            SyncState(
                integrationId: "m365", instructorId: "i-1", calendarId: "u-i-1", cursor: SyncCursor("d"),
                windowStart: AdminFixture.now, windowEnd: AdminFixture.now.addingTimeInterval(86_400),
                lastSuccessAt: AdminFixture.now, lastErrorAt: AdminFixture.now.addingTimeInterval(60),
                lastErrorCode: "mass_deletion_held", lastErrorMessage: "this pull would delete 11 of 12 busy blocks"))
        let accepted = await h.send(.post, "/v1/sync", json: ["instructorId": "i-1", "acceptDeletions": true])
        #expect(accepted.status == 202)
        #expect(h.control.syncRequests.map(\.instructorId) == ["i-1"])
        #expect(try await h.store.syncState(integrationId: "m365", instructorId: "i-1")?.deletionsAccepted == true)
        #expect(await h.send(.post, "/v1/sync", json: ["acceptDeletions": "yes"]).status == 422)
    }

    @Test func syncRequestsAreValidated() async throws {
        let h = try harness()
        try await AdminFixture.seedIntegration(h.store, "m365", establishments: ["paris"])
        try await AdminFixture.seedIntegration(h.store, "off", status: .inactive)
        try await AdminFixture.seedPerson(h.store, "i-lyon", establishment: "lyon", integrationId: "off")

        let unknownIntegration = await h.send(.post, "/v1/sync", json: ["integrationId": "nope"])
        #expect(unknownIntegration.status == 404 && unknownIntegration.errorCode == "not_found")
        let unknownPerson = await h.send(.post, "/v1/sync", json: ["instructorId": "nobody"])
        #expect(unknownPerson.status == 404 && unknownPerson.errorCode == "not_found")
        #expect(await h.send(.post, "/v1/sync", json: ["integrationId": "off"]).status == 409)
        let uncovered = await h.send(.post, "/v1/sync", json: ["integrationId": "m365", "instructorId": "i-lyon"])
        #expect(uncovered.status == 422 && uncovered.errorField == "instructorId")
        let unknownField = await h.send(.post, "/v1/sync", json: ["everything": true])
        #expect(unknownField.status == 422 && unknownField.errorCode == "unknown_field")
        #expect(await h.send(.post, "/v1/sync", json: ["integrationId": 7]).status == 422)
        #expect(await h.send(.post, "/v1/sync", rawBody: "{\"integrationId\"", contentType: "application/json").status == 400)
        #expect(await h.send(.post, "/v1/sync", rawBody: "{}", contentType: "text/plain").status == 415)
        #expect(h.control.syncRequests.isEmpty)
    }

    @Test func everySyncRouteNeedsTheAdminRole() async throws {
        let h = try harness()
        try await AdminFixture.seedIntegration(h.store, "m365")
        let id = try await AdminFixture.seedOperation(h.store, integrationId: "m365", instructorId: "i-1", status: .error)
        let routes: [(HTTPMethod, String)] = [
            (.post, "/v1/sync"), (.get, "/v1/sync/status"), (.get, "/v1/sync/operations"),
            (.post, "/v1/sync/operations/\(id)/retry"), (.post, "/v1/sync/operations/\(id)/mark-processed"),
        ]
        for (method, path) in routes {
            #expect(await h.send(method, path, token: .reader).status == 403, "\(path)")
            #expect(await h.send(method, path, token: .scheduler).status == 403, "\(path)")
            #expect(await h.send(method, path, token: .none).status == 401, "\(path)")
        }
        #expect(try await h.store.operation(id: id)?.status == .error)
        #expect(h.control.syncRequests.isEmpty)
    }

    // MARK: - GET /v1/sync/status

    @Test func statusWithNothingYet() async throws {
        let h = try harness()
        let reply = await h.send(.get, "/v1/sync/status")
        #expect(reply.status == 200)
        #expect(reply.json["running"] as? Bool == false)
        #expect(reply.json["nextRunAt"] is NSNull)
        #expect(reply.json["lastRun"] is NSNull)
        #expect((reply.json["integrations"] as? [Any])?.isEmpty == true)
        #expect(await h.send(.get, "/v1/sync/status?verbose=1").status == 400)
    }

    @Test func statusReportsTheLastRunAndEachIntegration() async throws {
        let h = try harness()
        let started = AdminFixture.now.addingTimeInterval(-60)
        let runId = try await h.store.recordSyncRun(
            SyncRunRecord(
                startedAt: started, finishedAt: started.addingTimeInterval(5), instructors: 2, pulled: 2, pushed: 3, errors: 1))
        try await AdminFixture.seedIntegration(h.store, "m365")
        try await AdminFixture.seedPerson(h.store, "i-ok", establishment: "paris", integrationId: "m365")
        try await AdminFixture.seedPerson(h.store, "i-bad", establishment: "paris", integrationId: "m365")
        try await h.store.saveSyncState(
            SyncState(
                integrationId: "m365", instructorId: "i-ok", calendarId: "u-i-ok", cursor: SyncCursor("d"), windowStart: started,
                windowEnd: AdminFixture.now, lastSuccessAt: started))
        try await h.store.saveSyncState(
            SyncState(
                integrationId: "m365", instructorId: "i-bad", calendarId: "u-i-bad", cursor: nil,
                windowStart: started, windowEnd: AdminFixture.now, lastErrorAt: started.addingTimeInterval(1),
                lastErrorCode: "MailboxNotEnabledForRESTAPI", lastErrorMessage: "The mailbox is either inactive or on-premise."))

        let reply = await h.send(.get, "/v1/sync/status")
        let lastRun = try #require(reply.json["lastRun"] as? [String: Any])
        #expect(lastRun["id"] as? String == String(runId))
        #expect(lastRun["startedAt"] as? String == "2026-02-28T23:59:00Z")
        #expect(lastRun["pushed"] as? Int == 3)
        #expect(lastRun["errors"] as? Int == 1)
        let entry = try #require((reply.json["integrations"] as? [[String: Any]])?.first)
        #expect(entry["id"] as? String == "m365")
        #expect(entry["status"] as? String == "active")
        #expect(entry["lastSuccessAt"] as? String == "2026-02-28T23:59:00Z")
        let lastError = try #require(entry["lastError"] as? [String: Any])
        #expect(lastError["code"] as? String == "MailboxNotEnabledForRESTAPI")
        #expect(
            entry["diagnosis"] as? String
                == SyncDiagnosis.somePeople + " (i-bad: no Exchange Online mailbox (none, inactive, or on-premises))")
        #expect(!text(reply).contains(AdminFixture.secret))
    }

    /// A wrong secret from the first start: the token is refused while listing the directory, so nobody is ever
    /// matched or pulled. The status must still say "credentials", with the refusal as lastError.
    @Test func aTokenRefusedBeforeAnyoneIsMatchedIsDiagnosedAsCredentials() async throws {
        let h = try harness()
        try await AdminFixture.seedIntegration(h.store, "m365")
        try await AdminFixture.seedPerson(h.store, "i-1", establishment: "paris", integrationId: "m365", matched: false)
        try await h.store.recordDirectoryFailure(
            integrationId: "m365", at: AdminFixture.now, code: "invalid_client AADSTS7000215", httpStatus: 401,
            message: "AADSTS7000215: Invalid client secret provided.")
        let entry = try #require((await h.send(.get, "/v1/sync/status").json["integrations"] as? [[String: Any]])?.first)
        #expect(entry["diagnosis"] as? String == GraphVocabulary.authenticationFailing)
        let lastError = try #require(entry["lastError"] as? [String: Any])
        #expect(lastError["code"] as? String == "invalid_client AADSTS7000215")

        // Once the secret is fixed and the directory listed, the old refusal no longer decides.
        try await h.store.recordDirectorySuccess(integrationId: "m365", at: AdminFixture.now.addingTimeInterval(60))
        let fixed = try #require((await h.send(.get, "/v1/sync/status").json["integrations"] as? [[String: Any]])?.first)
        #expect(fixed["diagnosis"] as? String == SyncDiagnosis.noneMatched)
    }

    /// A secret that went wrong after weeks of success: older successful pushes are in the recent log, but every
    /// person's *latest* outcome is a refused token.
    @Test func aSecretThatWentWrongAfterSuccessIsDiagnosedAsCredentials() async throws {
        let h = try harness()
        try await AdminFixture.seedIntegration(h.store, "m365")
        for person in ["i-1", "i-2"] {
            try await AdminFixture.seedPerson(h.store, person, establishment: "paris", integrationId: "m365")
            try await AdminFixture.seedOperation(
                h.store, integrationId: "m365", instructorId: person, itemId: "old", status: .success,
                at: AdminFixture.now.addingTimeInterval(-86_400))
            try await AdminFixture.seedOperation(
                h.store, integrationId: "m365", instructorId: person, itemId: "new", status: .error,
                errorCode: "invalid_client AADSTS7000215", httpStatus: 401)
        }
        let entry = try #require((await h.send(.get, "/v1/sync/status").json["integrations"] as? [[String: Any]])?.first)
        #expect(entry["diagnosis"] as? String == GraphVocabulary.authenticationFailing)
    }

    /// Unmatched and ambiguous people, and deletes that found the event already gone, are named in the status too.
    @Test func theStatusNamesUnmatchedPeopleAndAlreadyDeletedEvents() async throws {
        let h = try harness()
        try await AdminFixture.seedIntegration(h.store, "m365")
        try await AdminFixture.seedPerson(h.store, "i-ok", establishment: "paris", integrationId: "m365")
        try await AdminFixture.seedPerson(h.store, "i-nobody", establishment: "paris", integrationId: "m365", matched: false)
        let id = try await AdminFixture.seedOperation(
            h.store, integrationId: "m365", instructorId: "i-ok", action: .delete, status: .success)
        var deleted = try #require(try await h.store.operation(id: id))
        deleted.note = SyncDiagnosis.alreadyDeletedNote
        try await h.store.updateOperation(deleted)
        let entry = try #require((await h.send(.get, "/v1/sync/status").json["integrations"] as? [[String: Any]])?.first)
        #expect(
            entry["diagnosis"] as? String
                == "ok; 1 person unmatched (i-nobody); 1 recent delete found the event already deleted by the person")
    }

    @Test func statusDiagnosesAuthenticationFailuresAndUnmatchedPeople() async throws {
        let h = try harness()
        try await AdminFixture.seedIntegration(h.store, "auth")
        try await AdminFixture.seedIntegration(h.store, "lonely")
        try await AdminFixture.seedIntegration(h.store, "fine")
        for person in ["i-1", "i-2"] {
            try await AdminFixture.seedPerson(h.store, person, establishment: "paris", integrationId: "auth")
            try await AdminFixture.seedPerson(h.store, person, establishment: "paris", integrationId: "fine")
            try await AdminFixture.seedOperation(
                h.store, integrationId: "auth", instructorId: person, status: .error,
                errorCode: "InvalidAuthenticationToken", httpStatus: 401)
            try await AdminFixture.seedOperation(h.store, integrationId: "fine", instructorId: person, status: .success)
        }
        try await AdminFixture.seedOperation(
            h.store, integrationId: "auth", instructorId: "i-1", itemId: "e-2", status: .error,
            errorCode: "invalid_client", at: AdminFixture.now.addingTimeInterval(10))
        try await h.store.saveMatch(InstructorMatch(instructorId: "i-1", integrationId: "lonely", status: .unmatched))

        let reply = await h.send(.get, "/v1/sync/status")
        var byId: [String: [String: Any]] = [:]
        for entry in reply.json["integrations"] as? [[String: Any]] ?? [] { byId[entry["id"] as? String ?? ""] = entry }
        #expect(byId["auth"]?["diagnosis"] as? String == GraphVocabulary.authenticationFailing)
        #expect((byId["auth"]?["lastError"] as? [String: Any])?["code"] as? String == "invalid_client")
        #expect(byId["lonely"]?["diagnosis"] as? String == SyncDiagnosis.noneMatched)
        #expect(byId["lonely"]?["lastError"] is NSNull)
        #expect(byId["lonely"]?["lastSuccessAt"] is NSNull)
        #expect(byId["fine"]?["diagnosis"] as? String == "ok")
    }

    /// Graph answers 503 to everything, and one person's sync is switched off (their last pull, from before, was
    /// fine): that is an outage of the calendar service, not "some people's mailboxes"; the person whose sync is off
    /// does not count.
    @Test func aServiceWideFailureIsDiagnosedAsAnOutageNotAsSomePeople() async throws {
        let h = try harness()
        try await AdminFixture.seedIntegration(h.store, "m365")
        for person in ["i-1", "i-2", "i-off"] {
            try await AdminFixture.seedPerson(h.store, person, establishment: nil, integrationId: "m365")
        }
        try await h.store.setSyncEnabled(instructorId: "i-off", enabled: false)
        try await AdminFixture.seedOperation(
            h.store, integrationId: "m365", instructorId: "i-off", status: .success,
            at: AdminFixture.now.addingTimeInterval(-600))
        for person in ["i-1", "i-2"] {
            try await AdminFixture.seedOperation(
                h.store, integrationId: "m365", instructorId: person, status: .error, errorCode: "serviceNotAvailable",
                httpStatus: 503)
        }
        let entry = try #require((await h.send(.get, "/v1/sync/status").json["integrations"] as? [[String: Any]])?.first)
        let diagnosis = try #require(entry["diagnosis"] as? String)
        #expect(diagnosis.hasPrefix("outage of the calendar service"), "\(diagnosis)")
        #expect(!diagnosis.contains("mailbox or e-mail"), "\(diagnosis)")
        #expect(diagnosis.contains("HTTP 503"), "\(diagnosis)")
    }

    @Test func diagnosisRules() {
        typealias O = SyncDiagnosis.Outcome
        let t = AdminFixture.now
        func diagnose(_ outcomes: [O], matched: Int = 2, status: Integration.Status = .active, purge: Bool = false) -> String {
            SyncDiagnosis.diagnose(
                status: status, purgeRequested: purge, matchedCount: matched, outcomes: outcomes, vocabulary: GraphVocabulary())
        }
        #expect(diagnose([]) == "ok")
        #expect(diagnose([], matched: 0) == SyncDiagnosis.noneMatched)
        #expect(diagnose([], status: .inactive) == SyncDiagnosis.inactive)
        #expect(diagnose([], status: .inactive, purge: true) == SyncDiagnosis.purging)
        let forbidden = O(instructorId: "a", at: t, failed: true, code: "ErrorAccessDenied", httpStatus: 403)
        let token = O(instructorId: "b", at: t, failed: true, code: "AADSTS7000215", httpStatus: nil)
        #expect(diagnose([forbidden, token]) == SyncDiagnosis.authentication)
        // A 403 for one mailbox while another works is that person's problem (application access policy).
        let fine = O(instructorId: "b", at: t, failed: false)
        #expect(diagnose([forbidden, fine]) == SyncDiagnosis.somePeople)
        // A person who failed earlier but succeeded since is fine.
        let earlier = O(instructorId: "a", at: t.addingTimeInterval(-60), failed: true, code: "x", httpStatus: 500)
        let later = O(instructorId: "a", at: t, failed: false)
        #expect(diagnose([earlier, later, fine]) == "ok")
        // Everyone failing on the calendar service is an outage; everyone failing otherwise says so.
        let down = O(instructorId: "b", at: t, failed: true, code: "transient", httpStatus: 503)
        #expect(diagnose([earlier, down]) == SyncDiagnosis.outage)
        let refusedRequest = O(instructorId: "a", at: t, failed: true, code: "ErrorInvalidRequest", httpStatus: 400)
        let missing = O(instructorId: "b", at: t, failed: true, code: "ErrorItemNotFound", httpStatus: 404)
        #expect(diagnose([refusedRequest, missing]) == SyncDiagnosis.everyone)
        // Judged on each person's latest outcome: an older success does not hide a token refused since.
        let refusedSince = O(instructorId: "b", at: t.addingTimeInterval(60), failed: true, code: "invalid_client AADSTS7000215")
        #expect(diagnose([fine, refusedSince, forbidden]) == SyncDiagnosis.authentication)
        // The directory: refused on authentication → credentials; failing on the service → an outage; failing otherwise
        // with nobody matched → its own sentence.
        let refused = DirectoryState(integrationId: "x", lastErrorAt: t, lastErrorCode: "invalid_client AADSTS7000215")
        let down503 = DirectoryState(integrationId: "x", lastErrorAt: t, lastErrorCode: "transient", lastErrorHTTPStatus: 503)
        let notFound = DirectoryState(integrationId: "x", lastErrorAt: t, lastErrorCode: "NotFound", lastErrorHTTPStatus: 404)
        let recovered = DirectoryState(
            integrationId: "x", lastSuccessAt: t.addingTimeInterval(1), lastErrorAt: t,
            lastErrorCode: "invalid_client")
        func withDirectory(_ directory: DirectoryState, matched: Int) -> String {
            SyncDiagnosis.diagnose(
                status: .active, purgeRequested: false, matchedCount: matched, outcomes: [], directory: directory,
                vocabulary: GraphVocabulary())
        }
        #expect(withDirectory(refused, matched: 0) == SyncDiagnosis.authentication)
        #expect(withDirectory(down503, matched: 0) == SyncDiagnosis.outage)
        #expect(withDirectory(down503, matched: 2) == SyncDiagnosis.outage)
        #expect(withDirectory(notFound, matched: 0) == SyncDiagnosis.directoryFailing)
        #expect(withDirectory(notFound, matched: 2) == "ok")
        #expect(withDirectory(recovered, matched: 0) == SyncDiagnosis.noneMatched)
    }
}
