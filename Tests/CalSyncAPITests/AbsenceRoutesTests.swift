import CalSyncCore
import CalSyncHTTP
import CalSyncStore
import Foundation
import Testing

@testable import CalSyncAPI

/// `PUT / GET / DELETE /v1/absences/{id}`: validation (422 naming the field), roles, the outbox written with
/// the change, and absences in availability, search and conflicts.
@Suite struct AbsenceRoutesTests {
    func harness() throws -> APITestHarness { try APITestHarness(now: PushFixture.now) }

    static func body(
        person: String = "i-1", start: String = "2026-03-02", startHalf: String = "am",
        end: String = "2026-03-03", endHalf: String = "pm", status: String = "approved"
    ) -> [String: Any] {
        [
            "personId": person,
            "account": ["name": "Paid leave", "countsAsAbsence": true, "publicReason": false, "remoteWork": false],
            "start": ["date": start, "half": startHalf], "end": ["date": end, "half": endHalf], "status": status,
        ]
    }

    func seed(_ h: APITestHarness) async throws {
        try await PushFixture.seedIntegration(h.store)
        try await PushFixture.seedMatchedInstructor(h.store, "i-1")
    }

    @Test func putCreatesThenUpdatesAndQueuesThePushInTheSameWrite() async throws {
        let h = try harness()
        try await seed(h)
        let created = await h.send(.put, "/v1/absences/a-1", json: Self.body(status: "pending"), token: .scheduler)
        #expect(created.status == 201)
        #expect(created.json["personId"] as? String == "i-1")
        #expect((created.json["start"] as? [String: Any])?["half"] as? String == "am")
        #expect((created.json["sync"] as? [[String: Any]])?.map { $0["state"] as? String } == ["pending"])
        var pending = try await h.store.operations(status: .pending)
        #expect(pending.map(\.key) == [PushFixture.key("a-1~days", "i-1", itemKind: .absence)])
        #expect(pending.map(\.action) == [.create])
        #expect(h.control.wakes == 1)

        let updated = await h.send(.put, "/v1/absences/a-1", json: Self.body(endHalf: "am"), token: .scheduler)
        #expect(updated.status == 200)
        #expect(updated.json["status"] as? String == "approved")
        // The whole day of the 2nd and the morning of the 3rd; the run's create is still pending (one per key).
        pending = try await h.store.operations(status: .pending)
        #expect(pending.map(\.key.itemId).sorted() == ["a-1~am", "a-1~days"])
        #expect(h.control.wakes == 2)

        let read = await h.send(.get, "/v1/absences/a-1", token: .reader)
        #expect(read.status == 200)
        #expect((read.json["end"] as? [String: Any])?["half"] as? String == "am")
        #expect((read.json["account"] as? [String: Any])?["name"] as? String == "Paid leave")
    }

    @Test func deleteQueuesTheDeletionOfEveryEntry() async throws {
        let h = try harness()
        try await seed(h)
        try await h.store.saveAbsence(
            Absence(
                id: "a-1", personId: "i-1", account: .init(name: "Leave"),
                start: .init(date: LocalDate("2026-03-02")!, half: .pm),
                end: .init(date: LocalDate("2026-03-04")!, half: .pm), status: .approved))
        try await PushFixture.seedMapping(h.store, "a-1~pm", "i-1", itemKind: .absence)
        try await PushFixture.seedMapping(h.store, "a-1~days", "i-1", itemKind: .absence)
        try await PushFixture.seedMapping(h.store, "a-10~days", "i-1", itemKind: .absence)  // another absence
        #expect(await h.send(.delete, "/v1/absences/a-1", token: .scheduler).status == 204)
        let pending = try await h.store.operations(status: .pending)
        #expect(pending.map(\.key.itemId).sorted() == ["a-1~days", "a-1~pm"])
        #expect(pending.allSatisfy { $0.action == .delete })
        #expect(await h.send(.get, "/v1/absences/a-1", token: .reader).status == 404)
        #expect(await h.send(.delete, "/v1/absences/a-1", token: .scheduler).status == 404)
    }

    @Test func rolesReaderReadsSchedulerWrites() async throws {
        let h = try harness()
        try await seed(h)
        #expect(await h.send(.put, "/v1/absences/a-1", json: Self.body(), token: .reader).status == 403)
        #expect(await h.send(.put, "/v1/absences/a-1", json: Self.body(), token: .none).status == 401)
        #expect(await h.send(.put, "/v1/absences/a-1", json: Self.body(), token: .scheduler).status == 201)
        #expect(await h.send(.get, "/v1/absences/a-1", token: .reader).status == 200)
        #expect(await h.send(.delete, "/v1/absences/a-1", token: .reader).status == 403)
        #expect(await h.send(.delete, "/v1/absences/a-1", token: .admin).status == 204)
    }

    @Test(arguments: [
        (#"{"end": {"date": "2026-03-01", "half": "pm"}}"#, "end"),  // before the start
        (#"{"start": {"date": "2026-03-02", "half": "pm"}, "end": {"date": "2026-03-02", "half": "am"}}"#, "end"),
        (#"{"end": {"date": "2027-03-03", "half": "am"}}"#, "end"),  // 367 days, first and last included
        (#"{"personId": "i-nobody"}"#, "personId"),
        (#"{"personId": "not an id"}"#, "personId"),
        (#"{"start": {"date": "2026-03-02", "half": "noon"}}"#, "start.half"),
        (#"{"end": {"date": "2026-03-03", "half": "evening"}}"#, "end.half"),
        (#"{"start": {"date": "2026-02-30", "half": "am"}}"#, "start.date"),
        (#"{"start": {"date": "2026-03-02"}}"#, "start.half"),
        (#"{"start": {"date": "2026-03-02", "half": "am", "time": "09:00"}}"#, "start.time"),
        (#"{"status": "maybe"}"#, "status"),
        (#"{"status": null}"#, "status"),
        (#"{"account": {"countsAsAbsence": true}}"#, "account.name"),
        (#"{"account": {"name": "Leave", "paid": true}}"#, "account.paid"),
        (#"{"account": {"name": "Leave", "remoteWork": "yes"}}"#, "account.remoteWork"),
        (#"{"account": "Leave"}"#, "account"),
        (#"{"reason": "flu"}"#, "reason"),
    ])
    func invalidBodiesName(_ change: String, field: String) async throws {
        let h = try harness()
        try await seed(h)
        var body = Self.body()
        let overrides = try #require(try JSONSerialization.jsonObject(with: Data(change.utf8)) as? [String: Any])
        for (key, value) in overrides { body[key] = value }
        let reply = await h.send(.put, "/v1/absences/a-1", json: body, token: .scheduler)
        #expect(reply.status == 422, "\(String(decoding: reply.body, as: UTF8.self))")
        #expect(reply.errorField == field)
        #expect(try await h.store.absence(id: "a-1") == nil)
        #expect(try await h.store.operations().isEmpty)
    }

    @Test func threeHundredSixtySixDaysAreAllowed() async throws {
        let h = try harness()
        try await seed(h)
        // 2026-03-02 … 2027-03-02 is 366 days, first and last included.
        let reply = await h.send(
            .put, "/v1/absences/a-1", json: Self.body(start: "2026-03-02", end: "2027-03-02", endHalf: "am"),
            token: .scheduler)
        #expect(reply.status == 201)
        #expect(await h.send(.put, "/v1/absences/bad~id", json: Self.body(), token: .scheduler).status == 422)
    }

    @Test func initializationLeavesProcessedAbsenceEntriesAlone() async throws {
        let h = try harness()
        try await seed(h)
        for id in ["a-1", "a-2"] {
            try await h.store.saveAbsence(
                Absence(
                    id: id, personId: "i-1", account: .init(name: "Leave"),
                    start: .init(date: LocalDate("2026-03-05")!, half: .am),
                    end: .init(date: LocalDate("2026-03-05")!, half: .pm), status: .approved))
        }
        _ = try await h.store.appendOperation(
            OperationRecord(
                key: PushFixture.key("a-1~days", "i-1", itemKind: .absence), action: .create, status: .processed,
                createdAt: PushFixture.now))
        let reply = await h.send(.post, "/v1/integrations/\(PushFixture.integrationId)/initialize", json: ["since": "2026-03-01"])
        #expect(reply.status == 202)
        #expect(reply.json["items"] as? Int == 2)
        #expect(reply.json["operations"] as? Int == 1)
        #expect(try await h.store.operations(status: .pending).map(\.key.itemId) == ["a-2~days"])
    }

    // MARK: - Availability and conflicts

    @Test func absencesAreBusyTimeOfKindAbsenceAndConflictWithAssignments() async throws {
        let h = try APITestHarness(now: AvailabilityRoutesTests.now)
        try await AvailabilityRoutesTests.seed(h)
        // Pending afternoon of 2026-03-02 (UTC: the person has no zone), and an approved remote-work morning.
        try await h.store.saveAbsence(
            Absence(
                id: "a-pm", personId: "i-1", account: .init(name: "Leave"),
                start: .init(date: LocalDate("2026-03-02")!, half: .pm),
                end: .init(date: LocalDate("2026-03-02")!, half: .pm), status: .pending))
        try await h.store.saveAbsence(
            Absence(
                id: "a-home", personId: "i-1", account: .init(name: "Home", remoteWork: true),
                start: .init(date: LocalDate("2026-03-02")!, half: .am), end: .init(date: LocalDate("2026-03-02")!, half: .am),
                status: .approved))
        let reply = await h.send(.get, "/v1/instructors/i-1/availability?\(AvailabilityRoutesTests.window)", token: .reader)
        #expect(reply.status == 200)
        let busy = reply.json["busy"] as? [[String: Any]] ?? []
        #expect(busy.map { $0["kind"] as? String } == ["absence"])
        #expect(busy.first?["showAs"] as? String == "tentative")
        #expect(busy.first?["ref"] as? String == "a-pm")
        #expect(AvailabilityRoutesTests.pairs(busy) == ["13:30-17:30"])
        #expect(AvailabilityRoutesTests.pairs(reply.json["free"]) == ["08:00-13:30", "17:30-18:00"])

        let search = await h.send(
            .post, "/v1/availability/search",
            json: ["from": "2026-03-02T14:00:00Z", "to": "2026-03-02T15:00:00Z", "instructorIds": ["i-1"]], token: .reader)
        #expect(search.status == 200)
        #expect(search.items.first?["freeForWholeRange"] as? Bool == false)
        #expect((search.items.first?["busy"] as? [[String: Any]])?.first?["kind"] as? String == "absence")

        // A training assignment over the absence is a conflict with it.
        try await h.store.saveTrainingEvent(
            TrainingEvent(
                id: "t-1", title: "Course", start: AvailabilityRoutesTests.at("2026-03-02T15:00:00Z"),
                end: AvailabilityRoutesTests.at("2026-03-02T16:00:00Z"), timeZone: "UTC", instructorIds: ["i-1"]))
        let conflicts = await h.send(.get, "/v1/conflicts?\(AvailabilityRoutesTests.window)", token: .reader)
        #expect(conflicts.status == 200)
        let with = conflicts.items.map { $0["with"] as? [String: Any] ?? [:] }
        #expect(with.map { $0["kind"] as? String } == ["absence"])
        #expect(with.first?["ref"] as? String == "a-pm")
        #expect(conflicts.items.first?["eventId"] as? String == "t-1")

        // Cancelled: no longer busy, no longer a conflict.
        try await h.store.saveAbsence(
            Absence(
                id: "a-pm", personId: "i-1", account: .init(name: "Leave"),
                start: .init(date: LocalDate("2026-03-02")!, half: .pm),
                end: .init(date: LocalDate("2026-03-02")!, half: .pm), status: .cancelled))
        let after = await h.send(.get, "/v1/conflicts?\(AvailabilityRoutesTests.window)", token: .reader)
        #expect(after.items.isEmpty)
    }
}
