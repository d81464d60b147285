import CalSyncTesting
import Testing

/// The provider conformance suite on the Google Workspace adapter, against the GoogleEmulator.
@Suite struct GoogleConformanceTests {
    /// Checks the Google adapter does not pass yet (reported, not hidden):
    /// - `noCalendar`: the emulator has no Workspace user without a calendar (Calendar service off) to seed;
    /// - `writes`: a PATCH of an event the person deleted answers 200 (the emulator's default for that UNCONFIRMED
    ///   case), so the adapter reports an update rather than `.notFound`;
    /// - `eventStates`: an event its organizer cancelled is `status: cancelled` in Google, which is a deleted event:
    ///   the adapter reports it removed (not busy, as the suite wants) rather than listed as cancelled.
    static let knownGaps: Set<ConformanceCheck> = [.noCalendar, .writes, .eventStates]

    @Test(arguments: ConformanceCheck.allCases)
    func google(_ check: ConformanceCheck) async throws {
        if Self.knownGaps.contains(check) {
            await withKnownIssue { try await ProviderConformance { try GoogleConformanceSubject() }.run(check) }
        } else {
            try await ProviderConformance { try GoogleConformanceSubject() }.run(check)
        }
    }
}
