import CalSyncCore
import Foundation
import Testing

@testable import CalSyncStore

@Suite struct TrainingEventStoreTests {
    func event(_ id: String, _ from: Int, _ to: Int, _ people: [String]) -> TrainingEvent {
        TrainingEvent(
            id: id, title: "Course \(id)", start: at(from), end: at(to), timeZone: "Europe/Paris",
            location: "Room 1", description: "Bring a laptop", instructorIds: people)
    }

    @Test func roundTripsWithAssignmentOrder() async throws {
        let store = try makeStore()
        let training = event("t-1", 0, 120, ["i-3", "i-1", "i-2"])
        #expect(try await store.saveTrainingEvent(training))
        #expect(try await store.trainingEvent(id: "t-1") == training)
        var changed = training
        changed.instructorIds = ["i-2", "i-4", "i-3"]
        changed.status = .cancelled
        changed.location = nil
        changed.description = nil
        #expect(try await store.saveTrainingEvent(changed) == false)
        #expect(try await store.trainingEvent(id: "t-1") == changed)
        #expect(try await store.trainingEvent(id: "nope") == nil)
    }

    @Test func repeatedAssigneeKeepsFirstPlace() async throws {
        let store = try makeStore()
        try await store.saveTrainingEvent(event("t-1", 0, 60, ["b", "a", "b", "c"]))
        #expect(try await store.trainingEvent(id: "t-1")?.instructorIds == ["b", "a", "c"])
    }

    @Test func assignmentsMayNameUnknownPeople() async throws {
        let store = try makeStore()
        try await store.saveTrainingEvent(event("t-1", 0, 60, ["not-yet-sent"]))
        #expect(try await store.trainingEvents(instructorId: "not-yet-sent", overlapping: nil).map(\.id) == ["t-1"])
    }

    @Test func listsByStartAndDeletes() async throws {
        let store = try makeStore()
        try await store.saveTrainingEvent(event("late", 300, 360, []))
        try await store.saveTrainingEvent(event("early", 0, 60, ["i-1"]))
        #expect(try await store.trainingEvents().map(\.id) == ["early", "late"])
        try await store.deleteTrainingEvent(id: "early")
        try await store.deleteTrainingEvent(id: "never-existed")
        #expect(try await store.trainingEvents().map(\.id) == ["late"])
        #expect(try await store.trainingEvents(instructorId: "i-1", overlapping: nil).isEmpty)
    }

    @Test func perInstructorOverlapExcludesTouchingEnds() async throws {
        let store = try makeStore()
        try await store.saveTrainingEvent(event("before", 0, 60, ["i-1"]))
        try await store.saveTrainingEvent(event("inside", 70, 80, ["i-1", "i-2"]))
        try await store.saveTrainingEvent(event("straddle", 110, 200, ["i-1"]))
        try await store.saveTrainingEvent(event("after", 120, 180, ["i-1"]))
        try await store.saveTrainingEvent(event("other", 60, 120, ["i-2"]))
        let found = try await store.trainingEvents(instructorId: "i-1", overlapping: range(60, 120))
        #expect(found.map(\.id) == ["inside", "straddle"])
        #expect(found.first?.instructorIds == ["i-1", "i-2"])
        #expect(try await store.trainingEvents(instructorId: "i-1", overlapping: nil).count == 4)
    }
}
