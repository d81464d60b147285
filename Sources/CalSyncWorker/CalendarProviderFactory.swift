import CalSyncCore

/// Makes the calendar provider of an integration (the provider registry in production, a test double in tests),
/// and says what the integration's calendar system is called and how it speaks (its vocabulary).
public protocol CalendarProviderFactory: Sendable {
    func provider(for integration: Integration) throws -> any CalendarProvider
    /// The vocabularies of the calendar systems this factory makes providers for (fingerprints of pushed events,
    /// the meaning of error codes). A factory for a single test double may keep the neutral default.
    var vocabularies: ProviderVocabularies { get }
    /// The adapter's own connection checks for the doctor (signing in, the permissions it carries).
    func connectionChecks(for integration: Integration, secretSource: String?) async -> ConnectionChecks
}

extension CalendarProviderFactory {
    public var vocabularies: ProviderVocabularies { .neutral }

    public func connectionChecks(for integration: Integration, secretSource: String?) async -> ConnectionChecks {
        ConnectionChecks(findings: [], canContinue: true)
    }
}
