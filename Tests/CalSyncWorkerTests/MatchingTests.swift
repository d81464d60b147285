import CalSyncCore
import Testing

@testable import CalSyncWorker

@Suite(.serialized) struct MatchingTests {
    @Test func matchesByMailProxyAddressAndUPNAndReportsTheRest() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        try await h.add(Instructor(id: "i-ana", name: "Ana", email: "ANA.LOPEZ@contoso.EXAMPLE"))
        try await h.add(Instructor(id: "i-ben", name: "Ben", email: "ben@contoso.example"))
        try await h.add(Instructor(id: "i-cleo", name: "Cleo", email: "Cleo.Alias@contoso.example"))
        try await h.add(Instructor(id: "i-ghost", name: "Ghost", email: "ghost@contoso.example"))
        try await h.add(Instructor(id: "i-desk", name: "Desk", email: "desk@contoso.example"))

        let report = try await h.cycle()
        let r = try #require(report.integrations.first)
        #expect(r.matched.sorted() == ["i-ana", "i-ben", "i-cleo"])
        #expect(r.unmatched.map(\.instructorId) == ["i-ghost"])
        #expect(r.ambiguous.map(\.instructorId) == ["i-desk"])
        #expect(r.errors.isEmpty, "\(r.errors)")

        let ana = try #require(try await h.store.match(instructorId: "i-ana", integrationId: "contoso"))
        #expect(ana.calendarId == "u-ana")
        #expect(ana.calendarTimeZone == "Europe/Paris")
        let cleo = try #require(try await h.store.match(instructorId: "i-cleo", integrationId: "contoso"))
        #expect(cleo.calendarId == "u-cleo")
        let ben = try #require(try await h.store.match(instructorId: "i-ben", integrationId: "contoso"))
        #expect(ben.calendarId == "u-ben")
        #expect(ben.calendarTimeZone == "America/Los_Angeles")
        let desk = try #require(try await h.store.match(instructorId: "i-desk", integrationId: "contoso"))
        #expect(desk.status == .ambiguous)
        #expect(desk.calendarId == nil)
        #expect(desk.reason?.contains("u-s1") == true && desk.reason?.contains("u-s2") == true)
        let ghost = try #require(try await h.store.match(instructorId: "i-ghost", integrationId: "contoso"))
        #expect(ghost.status == .unmatched)
    }

    @Test func aChangedEmailIsMatchedAgain() async throws {
        let h = try await SyncHarness(users: Users.all)
        defer { Task { await h.stop() } }
        try await h.add(Instructor(id: "i-x", name: "X", email: "nobody@contoso.example"))
        _ = try await h.cycle()
        #expect(try await h.store.match(instructorId: "i-x", integrationId: "contoso")?.status == .unmatched)
        try await h.add(Instructor(id: "i-x", name: "X", email: "cleo@contoso.example"))
        _ = try await h.cycle()
        let match = try await h.store.match(instructorId: "i-x", integrationId: "contoso")
        #expect(match?.status == .matched)
        #expect(match?.calendarId == "u-cleo")
    }
}
