import CalSyncCore

/// One calendar system's adapter, as the provider registry sees it: which connection type it serves, what it knows
/// without calling the system (its vocabulary), how to make a provider for an integration, and its own checks for
/// the doctor.
public protocol ProviderMaker: Sendable {
    /// `Connection.type` of the integrations it serves.
    var connectionType: String { get }
    var vocabulary: any ProviderVocabulary { get }
    /// A provider for the integration; throws `CalendarError(.configuration)` when its connection is refused.
    func makeProvider(for integration: Integration, in environment: ProviderEnvironment) throws -> any CalendarProvider
    /// The adapter's own connection checks (signing in, the permissions it carries); read-only.
    func connectionChecks(for integration: Integration, secretSource: String?, in environment: ProviderEnvironment) async
        -> ConnectionChecks
}
