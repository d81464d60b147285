import CalSyncTesting
import Testing

/// The provider conformance suite on the Google Workspace adapter, against the GoogleEmulator.
@Suite struct GoogleConformanceTests {
    @Test(arguments: ConformanceCheck.allCases)
    func google(_ check: ConformanceCheck) async throws {
        try await ProviderConformance { try GoogleConformanceSubject() }.run(check)
    }
}
