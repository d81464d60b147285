import CalSyncCore
import Dispatch
import Foundation
import Testing

@testable import CalSyncStore

extension CalSyncStore {
    /// Traps unless the caller runs on the store's private queue.
    func assertOnOwnQueue() { dispatchPrecondition(condition: .onQueue(executor.queue)) }
}

@Suite struct CalSyncStoreTests {
    @Test func storeCallsRunOnItsPrivateQueue() async throws {
        let store = try makeStore()
        await store.assertOnOwnQueue()
        // assumeIsolated works from code that is already on the queue (the executor's checkIsolated).
        let count = try store.executor.queue.sync {
            try store.assumeIsolated { try $0.instructors().count }
        }
        #expect(count == 0)
    }

    @Test func writeCommitsEverythingOrNothing() async throws {
        let store = try await seededStore()
        let key = pushKey("t-1")
        let ids = try await store.write { store in
            try store.saveTrainingEvent(
                TrainingEvent(
                    id: "t-1", title: "T", start: at(0), end: at(60),
                    instructorIds: ["i-1"]))
            return try store.appendOperations([OperationRecord(key: key, action: .create, status: .success, createdAt: at(0))])
        }
        #expect(ids.count == 1)
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await store.write { store in
                try store.deleteTrainingEvent(id: "t-1")
                try store.appendOperation(OperationRecord(key: key, action: .delete, createdAt: at(1)))
                throw Refused()
            }
        }
        #expect(try await store.trainingEvent(id: "t-1") != nil)
        #expect(try await store.operations().map(\.action) == [.create])
    }

    @Test func integrityCheckSaysOK() async throws {
        let store = try await seededStore()
        #expect(try await store.integrityCheck() == "ok")
        try await store.checkpoint()
    }

    @Test func errorsNeverShowTheSecret() async throws {
        let store = try await seededStore()
        var integration = sampleIntegration()
        integration.id = "int-2"
        integration.connection = integration.connection.replacingSecret(Secret("never-print-me"))
        try await store.saveIntegration(integration)
        let error = await #expect(throws: StoreError.self) {
            try await store.saveMatch(InstructorMatch(instructorId: "ghost", integrationId: "int-2", status: .pending))
        }
        #expect(error.map { String(describing: $0) }?.contains("never-print-me") == false)
    }
}
