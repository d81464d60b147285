import CalSyncCore
import Foundation
import Testing

@testable import CalSyncStore

@Suite struct MatchStoreTests {
    @Test func roundTripsAndUpsertsOnePerInstructorAndIntegration() async throws {
        let store = try await seededStore(instructors: ["i-2", "i-1"])
        let match = InstructorMatch(
            instructorId: "i-1", integrationId: "int-1", status: .matched, calendarId: "u-1",
            calendarAddress: "i-1@contoso.example", reason: nil,
            calendarTimeZone: "Europe/Paris", matchedAt: at(5),
            matchedEmail: "i-1@contoso.example")
        try await store.saveMatch(match)
        #expect(try await store.match(instructorId: "i-1", integrationId: "int-1") == match)
        let ambiguous = InstructorMatch(
            instructorId: "i-1", integrationId: "int-1", status: .ambiguous,
            reason: "two directory users have this address")
        try await store.saveMatch(ambiguous)
        try await store.saveMatch(InstructorMatch(instructorId: "i-2", integrationId: "int-1", status: .unmatched))
        #expect(try await store.match(instructorId: "i-1", integrationId: "int-1") == ambiguous)
        #expect(try await store.matches(integrationId: "int-1").map(\.instructorId) == ["i-1", "i-2"])
        #expect(try await store.matches(instructorId: "i-1") == [ambiguous])
        #expect(try await store.match(instructorId: "i-1", integrationId: "other") == nil)
    }

    @Test func unknownParentsAreNotFound() async throws {
        let store = try await seededStore()
        await #expect(throws: StoreError.notFound("integration nope or instructor i-1")) {
            try await store.saveMatch(InstructorMatch(instructorId: "i-1", integrationId: "nope", status: .pending))
        }
        await #expect(throws: StoreError.self) {
            try await store.saveMatch(InstructorMatch(instructorId: "ghost", integrationId: "int-1", status: .pending))
        }
    }

    @Test func manyMatchesAreSavedTogetherSkippingPeopleNoLongerThere() async throws {
        let store = try await seededStore(instructors: ["i-1", "i-2"])
        let saved = try await store.saveMatches([
            InstructorMatch(instructorId: "i-1", integrationId: "int-1", status: .matched, calendarId: "u-1"),
            InstructorMatch(instructorId: "ghost", integrationId: "int-1", status: .matched, calendarId: "u-9"),
            InstructorMatch(instructorId: "i-2", integrationId: "int-1", status: .unmatched, reason: "no directory user"),
        ])
        #expect(saved.map(\.instructorId) == ["i-1", "i-2"])
        #expect(try await store.matches(integrationId: "int-1").map(\.status) == [.matched, .unmatched])
        #expect(try await store.saveMatches([]).isEmpty)
    }
}
