import CalSyncCore
import CalSyncStore
import CalSyncWorker
import Foundation
import Testing

@testable import calsync

@Suite struct RuntimeSeedTests {
    func configuration(_ instructor: String) throws -> CalSyncConfiguration {
        try JSONDecoder().decode(CalSyncConfiguration.self, from: Data(#"{"instructors": [\#(instructor)]}"#.utf8))
    }

    @Test func aStatedSyncEnabledIsAppliedToAnExistingInstructorAndLogged() async throws {
        let store = try CalSyncStore(path: ":memory:")
        _ = try await store.saveInstructor(Instructor(id: "i-ana", name: "Ana", email: "ana@contoso.example"))
        let log = LogLines()
        let file = try configuration(#"{"id": "i-ana", "name": "Ana L", "email": "ana@contoso.example", "syncEnabled": false}"#)
        try await Runtime.seed(store, from: file, environment: [:], logger: log.logger)
        #expect(try await store.instructor(id: "i-ana")?.syncEnabled == false)
        #expect(try await store.instructor(id: "i-ana")?.name == "Ana L")
        #expect(log.all.count == 1)
        #expect(log.all.first?.contains(#""msg":"the configuration file sets the instructor's sync switch""#) == true)
        #expect(log.all.first?.contains(#""instructor":"i-ana""#) == true)
        #expect(log.all.first?.contains(#""syncEnabled":"false""#) == true)
        #expect(log.all.first?.contains(#""was":"true""#) == true)

        // Every start: an admin switching it back on is overruled again at the next start.
        try await store.setSyncEnabled(instructorId: "i-ana", enabled: true)
        try await Runtime.seed(store, from: file, environment: [:], logger: log.logger)
        #expect(try await store.instructor(id: "i-ana")?.syncEnabled == false)
        #expect(log.all.count == 2)
        // Unchanged: nothing to log.
        try await Runtime.seed(store, from: file, environment: [:], logger: log.logger)
        #expect(log.all.count == 2)
    }

    @Test func leftOutTheSwitchStaysTheAdmins() async throws {
        let store = try CalSyncStore(path: ":memory:")
        _ = try await store.saveInstructor(Instructor(id: "i-ana", name: "Ana", email: "ana@contoso.example", syncEnabled: false))
        let log = LogLines()
        let file = try configuration(#"{"id": "i-ana", "name": "Ana", "email": "ana@contoso.example"}"#)
        try await Runtime.seed(store, from: file, environment: [:], logger: log.logger)
        #expect(try await store.instructor(id: "i-ana")?.syncEnabled == false)
        #expect(log.all.isEmpty)
    }

    @Test func aNewInstructorTakesTheFilesSwitchOrOn() async throws {
        let store = try CalSyncStore(path: ":memory:")
        let log = LogLines()
        let file = try configuration(
            #"{"id": "i-a", "name": "A", "email": "a@x", "syncEnabled": false}, {"id": "i-b", "name": "B", "email": "b@x"}"#)
        try await Runtime.seed(store, from: file, environment: [:], logger: log.logger)
        #expect(try await store.instructor(id: "i-a")?.syncEnabled == false)
        #expect(try await store.instructor(id: "i-b")?.syncEnabled == true)
        #expect(log.all.isEmpty)
    }
}
