import CalSyncTesting
import Testing

/// The provider conformance suite on the Microsoft 365 adapter, against the GraphEmulator.
@Suite struct GraphConformanceTests {
    @Test(arguments: ConformanceCheck.allCases)
    func graph(_ check: ConformanceCheck) async throws {
        try await ProviderConformance { try GraphConformanceSubject() }.run(check)
    }
}
