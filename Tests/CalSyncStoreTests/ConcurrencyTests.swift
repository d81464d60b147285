import CalSyncCore
import Foundation
import Testing

@testable import CalSyncStore

@Suite struct ConcurrencyTests {
    @Test func fiftyWritingTasksStayConsistent() async throws {
        let file = TempDatabaseFile()
        defer { file.remove() }
        let store = try CalSyncStore(path: file.path)
        try await store.saveIntegration(sampleIntegration())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<50 {
                group.addTask {
                    let person = "i-\(n)"
                    try await store.saveInstructor(sampleInstructor(id: person))
                    let blocks = (0..<20).map { block("e\($0)", $0 * 60, $0 * 60 + 30, instructorId: person) }
                    try await store.applyBusyChanges(
                        integrationId: "int-1", instructorId: person, upserts: blocks,
                        removals: [])
                    try await store.saveTrainingEvent(
                        TrainingEvent(
                            id: "t-\(n)", title: "T", start: at(n), end: at(n + 60),
                            instructorIds: [person, "i-shared"]))
                    for k in 0..<4 {
                        try await store.appendOperation(
                            OperationRecord(
                                key: pushKey("t-\(n)-\(k)", instructorId: person),
                                action: .create, createdAt: at(n)))
                    }
                    try await store.completeRound(
                        SyncState(
                            integrationId: "int-1", instructorId: person, calendarId: "u-\(n)", cursor: SyncCursor("L"),
                            windowStart: at(0), windowEnd: at(0, day: 20)),
                        upserts: [], removals: ["e0"], keeping: Set((1..<10).map { "e\($0)" }))
                    _ = try await store.busyBlocks(instructorId: person, overlapping: range(0, 600))
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.instructors().count == 50)
        #expect(try await store.trainingEvents().count == 50)
        #expect(try await store.trainingEvents(instructorId: "i-shared", overlapping: nil).count == 50)
        #expect(try await store.operations(limit: 1_000).count == 200)
        #expect(Set(try await store.operations(limit: 1_000).map(\.id)).count == 200)
        for n in 0..<50 {
            #expect(try await store.busyBlockIds(integrationId: "int-1", instructorId: "i-\(n)").count == 9)
        }
        #expect(try await store.integrityCheck() == "ok")
        // A second connection sees it all (WAL readers see committed data).
        let reader = try CalSyncStore(path: file.path)
        #expect(try await reader.operations(limit: 1_000).count == 200)
    }
}
