import Foundation
import GoogleEmulator
import Testing

@testable import calsync

@Suite struct GoogleEmulatorCommandTests {
    @Test func faultsAreReadAsTheSideDoorReadsThem() throws {
        let faults = try GoogleEmulatorCommand.faults(#"{"rateLimit403":0.1,"syncTokenExpiry":0.5,"userRequestsPerMinute":50}"#)
        #expect(faults.rateLimit403 == 0.1)
        #expect(faults.syncTokenExpiry == 0.5)
        #expect(faults.userRequestsPerMinute == 50)
        let file = ConfigurationFile(#"{"unavailable503":0.2}"#)
        defer { file.remove() }
        #expect(try GoogleEmulatorCommand.faults("@" + file.path).unavailable503 == 0.2)
        #expect(throws: (any Error).self) { try GoogleEmulatorCommand.faults(#"{"rateLimit304":0.1}"#) }
        #expect(throws: (any Error).self) { try GoogleEmulatorCommand.faults("[1]") }
    }

    @Test func anUnknownKindOrAMissingTenantIsAUsageError() async {
        #expect(await EmulatorCommand.run(["--kind", "outlook"]) == 2)
        #expect(await EmulatorCommand.run(["--kind", "google"]) == 2)
        #expect(await EmulatorCommand.run(["--kind", "google", "--tenant", "/nonexistent/tenant.json"]) == 2)
        #expect(await EmulatorCommand.run(["--kind", "google", "--help"]) == 0)
    }
}
