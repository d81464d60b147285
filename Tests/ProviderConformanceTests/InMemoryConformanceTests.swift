import CalSyncCore
import CalSyncTesting
import Testing

/// The provider conformance suite on the in-memory provider, in each of the shapes a calendar system can take.
@Suite struct InMemoryConformanceTests {
    /// Microsoft 365's shape: windowed, occurrences, a key then a tag lookup.
    @Test(arguments: ConformanceCheck.allCases)
    func windowed(_ check: ConformanceCheck) async throws {
        try await ProviderConformance { InMemoryConformanceSubject(InMemoryCalendarProvider(pageSize: 2)) }.run(check)
    }

    /// Google's shape: a cursor over the whole calendar, a client-chosen id.
    @Test(arguments: ConformanceCheck.allCases)
    func unbounded(_ check: ConformanceCheck) async throws {
        let capabilities = ProviderCapabilities(
            changeTracking: .unbounded, expandsRecurrences: true, idempotentCreate: .clientChosenId, inFlightLimit: 10,
            inFlightScope: .account)
        try await ProviderConformance {
            InMemoryConformanceSubject(InMemoryCalendarProvider(capabilities: capabilities, pageSize: 3))
        }.run(check)
    }

    /// Exchange's shape: changes detected then the window listed again, series as masters, only a tag lookup.
    @Test(arguments: ConformanceCheck.allCases)
    func detectThenRelist(_ check: ConformanceCheck) async throws {
        let capabilities = ProviderCapabilities(
            changeTracking: .detectThenRelist, expandsRecurrences: false, idempotentCreate: .tagLookup, inFlightLimit: 10,
            inFlightScope: .account)
        try await ProviderConformance { InMemoryConformanceSubject(InMemoryCalendarProvider(capabilities: capabilities)) }
            .run(check)
    }
}
