import CalSyncCore
import CalSyncHTTP
import CalSyncProviderKit
import Foundation
import MicrosoftCalendarKit

/// The Exchange Server adapter for the provider registry: an `ExchangeCalendarProvider` per integration, made from its
/// `ExchangeConnection` (`docs/exchange.md`, "CalSync's Exchange adapter").
///
/// NTLM logs a connection on, not a request, so every integration gets connections of its own
/// (`HTTPTransport.withOwnConnections`: a libcurl pool of its own, the process's metering kept; its kept-alive
/// connections are the ones its service account logged on). A transport without connections (in process) is used as
/// it is.
public struct ExchangeProviderMaker: ProviderMaker {
    let zones: WindowsZones

    public init(zones: WindowsZones = .bundled) {
        self.zones = zones
    }

    public var connectionType: String { ExchangeConnection.type }

    public var vocabulary: any ProviderVocabulary { ExchangeVocabulary() }

    public func makeProvider(for integration: Integration, in environment: ProviderEnvironment) throws
        -> any CalendarProvider
    {
        try provider(for: integration, in: environment)
    }

    public func connectionChecks(
        for integration: Integration, secretSource: String?, in environment: ProviderEnvironment
    ) async -> ConnectionChecks {
        let provider: ExchangeCalendarProvider
        do {
            provider = try self.provider(for: integration, in: environment)
        } catch {
            return ConnectionChecks(findings: [.init(.configuration, .problem, error.message)], canContinue: false)
        }
        var checks = await ExchangeConnectionDoctor(provider: provider).check(impersonating: nil)
        if let secretSource, !checks.canContinue,
            let index = checks.findings.firstIndex(where: { $0.check == .token && $0.severity == .problem })
        {
            checks.findings[index].details.append("the password comes from \(secretSource)")
        }
        return checks
    }

    /// The provider for the integration's connection; `CalendarError(.configuration)` when it cannot be used.
    func provider(for integration: Integration, in environment: ProviderEnvironment) throws(CalendarError)
        -> ExchangeCalendarProvider
    {
        let settings = try Self.settings(for: integration)
        let transport = environment.transport.withOwnConnections(maxConnections: settings.inFlightLimit)
        return ExchangeCalendarProvider(settings: settings, transport: transport, zones: zones, clock: environment.clock)
    }

    /// The adapter's settings for an `exchange` integration; `CalendarError(.configuration)` naming what is wrong.
    static func settings(for integration: Integration) throws(CalendarError) -> ExchangeSettings {
        guard let connection = integration.connection.exchange else {
            throw CalendarError(
                .configuration, message: "integration \(integration.id) is not an Exchange Server integration")
        }
        guard let url = URL(string: connection.ewsURL) else {
            throw CalendarError(.configuration, message: "the EWS URL is not a URL")
        }
        let scheme: HTTPCredentials.Scheme = connection.authScheme == .basic ? .basic : .ntlm
        let settings = ExchangeSettings(
            ewsURL: url, username: connection.username, password: connection.password, authScheme: scheme,
            caFile: connection.caFile, serverVersion: connection.serverVersion, inFlightLimit: connection.inFlightLimit)
        if let problem = settings.problem { throw CalendarError(.configuration, message: problem) }
        if let caFile = connection.caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw CalendarError(
                .configuration, providerCode: "tls",
                message: "the CA file \(caFile) cannot be read: name a PEM file of the certificate authorities to trust")
        }
        return settings
    }
}
