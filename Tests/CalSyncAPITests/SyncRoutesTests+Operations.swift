import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

@testable import CalSyncAPI

// MARK: - The operations log

extension SyncRoutesTests {
    /// Six operations over two integrations and two people; returns their ids in order.
    func seedLog(_ h: APITestHarness) async throws -> [Int64] {
        try await AdminFixture.seedIntegration(h.store, "a")
        try await AdminFixture.seedIntegration(h.store, "b")
        var ids: [Int64] = []
        for (integration, person, status) in [
            ("a", "i-1", OperationRecord.Status.success), ("a", "i-1", .error), ("a", "i-2", .pending),
            ("b", "i-1", .processed), ("b", "i-2", .error), ("a", "i-2", .success),
        ] {
            ids.append(
                try await AdminFixture.seedOperation(
                    h.store, integrationId: integration, instructorId: person,
                    status: status, httpStatus: 404))
        }
        return ids
    }

    @Test func operationsAreListedInTheContractsShape() async throws {
        let h = try harness()
        let ids = try await seedLog(h)
        let reply = await h.send(.get, "/v1/sync/operations")
        #expect(reply.status == 200)
        #expect(reply.items.compactMap { $0["id"] as? String } == ids.map(String.init))
        #expect(reply.json["nextCursor"] is NSNull)
        let failed = reply.items[1]
        #expect(failed["integrationId"] as? String == "a")
        #expect(failed["instructorId"] as? String == "i-1")
        #expect(failed["itemKind"] as? String == "event")
        #expect(failed["itemId"] as? String == "e-1")
        #expect(failed["action"] as? String == "create")
        #expect(failed["status"] as? String == "error")
        #expect(failed["attempts"] as? Int == 1)
        #expect(failed["createdAt"] as? String == "2026-03-01T00:00:00Z")
        #expect(failed["lastAttemptAt"] as? String == "2026-03-01T00:00:00Z")
        #expect(failed["externalId"] is NSNull)
        #expect(failed["note"] is NSNull)
        let error = try #require(failed["error"] as? [String: Any])
        #expect(error["code"] as? String == "ErrorItemNotFound")
        #expect(error["message"] as? String == "The push failed.")
        #expect(error["httpStatus"] as? Int == 404)
        #expect(reply.items[0]["error"] is NSNull)
        #expect(reply.items[2]["lastAttemptAt"] is NSNull)
    }

    @Test func operationsAreFilteredAndPaged() async throws {
        let h = try harness()
        let ids = try await seedLog(h)
        func listed(_ query: String) async -> [String] {
            await h.send(.get, "/v1/sync/operations?" + query).items.compactMap { $0["id"] as? String }
        }
        #expect(await listed("status=error") == [ids[1], ids[4]].map(String.init))
        #expect(await listed("instructorId=i-2") == [ids[2], ids[4], ids[5]].map(String.init))
        #expect(await listed("integrationId=b") == [ids[3], ids[4]].map(String.init))
        #expect(await listed("integrationId=a&instructorId=i-2&status=success") == [String(ids[5])])
        #expect(await listed("instructorId=nobody").isEmpty)

        var seen: [String] = []
        var cursor: String? = nil
        repeat {
            let reply = await h.send(.get, "/v1/sync/operations?limit=4" + (cursor.map { "&cursor=\($0)" } ?? ""))
            #expect(reply.items.count <= 4)
            seen += reply.items.compactMap { $0["id"] as? String }
            cursor = reply.json["nextCursor"] as? String
        } while cursor != nil
        #expect(seen == ids.map(String.init))

        for query in ["status=failed", "limit=501", "cursor=xyz", "page=2", "instructorId=", "status=error&status=pending"] {
            let reply = await h.send(.get, "/v1/sync/operations?" + query)
            #expect(reply.status == 400, "\(query)")
        }
    }

    @Test func onlyFailedOperationsCanBeRetried() async throws {
        let h = try harness()
        let ids = try await seedLog(h)
        let retried = await h.send(.post, "/v1/sync/operations/\(ids[1])/retry")
        #expect(retried.status == 202)
        #expect(retried.json["id"] as? String == String(ids[1]))
        #expect(retried.json["status"] as? String == "pending")
        let pending = try #require(try await h.store.operation(id: ids[1]))
        #expect(pending.status == .pending)
        // A fresh retry budget: a transient failure after an admin's retry is backed off again, not final at once.
        #expect(pending.attempts == 0 && pending.note == "retried by an admin after 1 attempt")
        #expect(try await h.store.operations().count == ids.count)  // the same row, no new one
        #expect(h.control.wakes == 1)

        for (index, code) in [(1, "conflict"), (0, "conflict"), (3, "conflict"), (2, "conflict")] {
            let reply = await h.send(.post, "/v1/sync/operations/\(ids[index])/retry")
            #expect(reply.status == 409 && reply.errorCode == code, "operation \(index)")
        }
        #expect(h.control.wakes == 1)

        // An operation whose integration was removed can no longer run.
        try await h.store.deleteIntegration(id: "b")
        #expect(await h.send(.post, "/v1/sync/operations/\(ids[4])/retry").status == 409)
    }

    @Test func failedAndPendingOperationsCanBeMarkedProcessed() async throws {
        let h = try harness()
        let ids = try await seedLog(h)
        for index in [1, 2] {
            let reply = await h.send(.post, "/v1/sync/operations/\(ids[index])/mark-processed")
            #expect(reply.status == 200)
            #expect(reply.json["status"] as? String == "processed")
            #expect(try await h.store.operation(id: ids[index])?.status == .processed)
        }
        #expect(await h.send(.post, "/v1/sync/operations/\(ids[1])/mark-processed").status == 200)
        let succeeded = await h.send(.post, "/v1/sync/operations/\(ids[0])/mark-processed")
        #expect(succeeded.status == 409)
        #expect(try await h.store.operation(id: ids[0])?.status == .success)
        // Processed is final: no retry.
        #expect(await h.send(.post, "/v1/sync/operations/\(ids[1])/retry").status == 409)
    }

    @Test func unknownOrMalformedOperationIdsAnswer404() async throws {
        let h = try harness()
        _ = try await seedLog(h)
        for id in ["999", "abc", "-1", "0", "1.5", "99999999999999999999999", "%20"] {
            for action in ["retry", "mark-processed"] {
                let reply = await h.send(.post, "/v1/sync/operations/\(id)/\(action)")
                #expect(reply.status == 404 && reply.errorCode == "not_found", "\(id) \(action)")
            }
        }
        #expect(await h.send(.post, "/v1/sync/operations/1/retry?now=1").status == 400)
        #expect(await h.send(.post, "/v1/sync/operations/2/retry", json: ["force": true]).status == 422)
        #expect(await h.send(.get, "/v1/sync/operations/2/retry").status == 405)
    }
}

// MARK: - Processed is final

extension SyncRoutesTests {
    /// Sending the same event again is no reason to push what an admin marked processed (it would be a retry in all
    /// but name); changing the event is a new push.
    @Test func anUnchangedEventSentAgainLeavesAProcessedOperationAlone() async throws {
        let h = try harness()
        try await AdminFixture.seedIntegration(h.store, "a")
        try await AdminFixture.seedPerson(h.store, "i-1", establishment: nil, integrationId: "a")
        var body: [String: Any] = [
            "title": "Swift", "start": "2030-01-07T14:00:00+01:00", "end": "2030-01-07T17:00:00+01:00",
            "timeZone": "Europe/Paris", "instructorIds": ["i-1"],
        ]
        #expect(await h.send(.put, "/v1/events/t-1", json: body, token: .scheduler).status == 201)
        func operations() async throws -> [OperationRecord] {
            try await h.store.operations(instructorId: "i-1")
        }
        let first = try #require(try await operations().first)
        #expect(first.status == .pending)
        #expect(await h.send(.post, "/v1/sync/operations/\(first.id)/mark-processed").status == 200)

        #expect(await h.send(.put, "/v1/events/t-1", json: body, token: .scheduler).status == 200)
        #expect(await h.send(.put, "/v1/events/t-1/instructors/i-1", token: .scheduler).status == 200)
        #expect(try await operations().map(\.status) == [.processed])

        body["title"] = "Swift, day 2"
        #expect(await h.send(.put, "/v1/events/t-1", json: body, token: .scheduler).status == 200)
        #expect(try await operations().map(\.status) == [.processed, .pending])
    }
}

// MARK: - The scheduler's item id and the absence's part; retrying operations

extension SyncRoutesTests {
    /// `itemId` is the scheduler's id (`a-1`, never the push key's `a-1~days`); which calendar entry of an absence
    /// an operation is about goes in `part` (null for training events).
    @Test func absenceOperationsNameTheSchedulersIdAndThePart() async throws {
        let h = try harness()
        try await AdminFixture.seedIntegration(h.store, "a")
        var ids: [Int64] = []
        for (kind, itemId) in [(ItemKind.absence, "a-1~days"), (.absence, "a-1~pm"), (.event, "t-1"), (.absence, "a-2~day")] {
            ids.append(
                try await h.store.appendOperation(
                    OperationRecord(
                        key: PushKey(integrationId: "a", itemKind: kind, itemId: itemId, instructorId: "i-1"), action: .create,
                        createdAt: AdminFixture.now)))
        }
        let items = await h.send(.get, "/v1/sync/operations").items
        #expect(items.map { $0["itemId"] as? String } == ["a-1", "a-1", "t-1", "a-2"])
        #expect(items.map { $0["part"] as? String } == ["days", "pm", nil, "day"])
        #expect(items[2]["part"] is NSNull)
        #expect(items.map { $0["itemKind"] as? String } == ["absence", "absence", "event", "absence"])
        // The retry and mark-processed answers show the same.
        let marked = await h.send(.post, "/v1/sync/operations/\(ids[1])/mark-processed")
        #expect(marked.json["itemId"] as? String == "a-1" && marked.json["part"] as? String == "pm")
    }

    /// An operation that failed and waits for its next try is `retrying` (with its attempts and last error), not
    /// `pending`; `status=retrying` lists exactly those, `status=pending` the ones never tried yet.
    @Test func failedOperationsWaitingForTheirNextTryAreRetrying() async throws {
        let h = try harness()
        try await AdminFixture.seedIntegration(h.store, "a")
        let key = PushKey(integrationId: "a", itemKind: .event, itemId: "t-1", instructorId: "i-1")
        let waiting = try await h.store.appendOperation(OperationRecord(key: key, action: .create, createdAt: AdminFixture.now))
        let failing = try await h.store.appendOperation(
            OperationRecord(
                key: PushKey(integrationId: "a", itemKind: .event, itemId: "t-2", instructorId: "i-1"), action: .create,
                attempts: 87, createdAt: AdminFixture.now, lastAttemptAt: AdminFixture.now.addingTimeInterval(75),
                errorCode: "serviceNotAvailable", errorMessage: "Service Unavailable", httpStatus: 503,
                notBefore: AdminFixture.now.addingTimeInterval(76)))
        let failed = try await AdminFixture.seedOperation(h.store, integrationId: "a", instructorId: "i-1", status: .error)

        func listed(_ query: String) async -> [String] {
            await h.send(.get, "/v1/sync/operations" + query).items.compactMap { $0["id"] as? String }
        }
        #expect(await listed("?status=retrying") == [String(failing)])
        #expect(await listed("?status=pending") == [String(waiting)])
        #expect(await listed("?status=error") == [String(failed)])
        let item = try #require(await h.send(.get, "/v1/sync/operations?status=retrying").items.first)
        #expect(item["status"] as? String == "retrying")
        #expect(item["attempts"] as? Int == 87)
        #expect(item["lastAttemptAt"] as? String == "2026-03-01T00:01:15Z")
        let error = try #require(item["error"] as? [String: Any])
        #expect(error["code"] as? String == "serviceNotAvailable")
        #expect(error["httpStatus"] as? Int == 503)
        #expect(await h.send(.get, "/v1/sync/operations?status=Retrying").status == 400)

        // Still waiting to run: a retry is refused, marking it processed is allowed.
        let retry = await h.send(.post, "/v1/sync/operations/\(failing)/retry")
        #expect(retry.status == 409)
        #expect(
            (retry.json["error"] as? [String: Any])?["message"] as? String
                == "Operation \(failing) is retrying on its own (87 attempts so far); mark it processed to stop it.")
        #expect(await h.send(.post, "/v1/sync/operations/\(failing)/mark-processed").json["status"] as? String == "processed")
    }
}
