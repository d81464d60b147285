import CalSyncCore
import CalSyncProviderKit
import Foundation

/// The Google Workspace adapter for the provider registry: a `GoogleCalendarProvider` per integration, made from the
/// connection's key file, admin address and base URL.
public struct GoogleProviderMaker: ProviderMaker {
    let retry: GoogleRetryPolicy

    /// - Parameter retry: retries within one call (Google's back-off in production).
    public init(retry: GoogleRetryPolicy = GoogleRetryPolicy()) {
        self.retry = retry
    }

    public var connectionType: String { GoogleConnection.type }

    public var vocabulary: any ProviderVocabulary { GoogleVocabulary() }

    public func makeProvider(for integration: Integration, in environment: ProviderEnvironment) throws
        -> any CalendarProvider
    {
        let (key, connection) = try Self.key(of: integration)
        return try GoogleCalendarProvider(
            key: key, settings: GoogleProviderSettings(adminEmail: connection.adminEmail),
            baseURL: Self.baseURL(connection), transport: environment.transport, clock: environment.clock, retry: retry)
    }

    public func connectionChecks(
        for integration: Integration, secretSource: String?, in environment: ProviderEnvironment
    ) async -> ConnectionChecks {
        await GoogleConnectionDoctor(transport: environment.transport, clock: environment.clock)
            .check(integration, secretSource: secretSource)
    }

    /// The integration's key file, read (throws `.configuration` naming what is wrong, never quoting the key).
    static func key(of integration: Integration) throws(CalendarError) -> (GoogleServiceAccountKey, GoogleConnection) {
        guard let connection = integration.connection.google else {
            throw CalendarError(
                .configuration, providerCode: "unsupported_type",
                message: "the Google adapter cannot serve a \(integration.type) integration")
        }
        let key = try GoogleServiceAccountKey(json: Data(connection.serviceAccountKey.revealed.utf8))
        return (key, connection)
    }

    /// Nil (Google's own hosts, the key file's `token_uri`) for Google's address; the given root otherwise.
    static func baseURL(_ connection: GoogleConnection) -> String? {
        var root = connection.googleBaseURL
        while root.hasSuffix("/") { root.removeLast() }
        return root.isEmpty || root == GoogleConnection.defaultServiceURL ? nil : root
    }
}
