import CalSyncCore
import CalSyncHTTP
import CalSyncProviderKit
import EWSEmulator
import Foundation
import Testing

@testable import CalSyncExchange

/// The registry's view of the adapter: an `exchange` integration's connection becomes the provider's settings, a
/// connection that cannot be used is refused before anything is sent, and the connection checks run the doctor.
@Suite struct ExchangeProviderMakerTests {
    static func integration(_ connection: ExchangeConnection) -> Integration {
        Integration(id: "contoso", name: "Contoso (Exchange)", connection: .exchange(connection), createdAt: Date())
    }

    static func connection(
        url: String = ExchangeHarness.url.absoluteString, password: String = ExchangeHarness.password,
        caFile: String? = nil
    ) -> ExchangeConnection {
        ExchangeConnection(
            ewsURL: url, username: ExchangeHarness.account, password: Secret(password), authScheme: .basic, caFile: caFile)
    }

    @Test func theConnectionBecomesTheProvidersSettings() throws {
        var connection = Self.connection()
        connection.serverVersion = "Exchange2016"
        connection.inFlightLimit = 4
        let environment = ProviderEnvironment(transport: InProcessTransport(try ExchangeHarness().emulator))
        let provider = try ExchangeProviderMaker().provider(for: Self.integration(connection), in: environment)
        #expect(provider.settings.ewsURL == ExchangeHarness.url)
        #expect(provider.settings.username == ExchangeHarness.account)
        #expect(provider.settings.password.revealed == ExchangeHarness.password)
        #expect(provider.settings.authScheme == .basic)
        #expect(provider.settings.serverVersion == "Exchange2016")
        #expect(provider.capabilities.inFlightLimit == 4)
        #expect(provider.capabilities.inFlightScope == .account)
        #expect(ExchangeProviderMaker().connectionType == "exchange")
    }

    @Test(
        arguments: [
            ("http://mail.contoso.example/EWS/Exchange.asmx", nil, "https"),
            ("https://mail.contoso.example/EWS/Exchange.asmx", "/nonexistent/contoso-ca.pem", "CA file"),
        ] as [(String, String?, String)])
    func aConnectionThatCannotBeUsedIsAConfigurationError(url: String, caFile: String?, named: String) throws {
        let environment = ProviderEnvironment(transport: InProcessTransport(try ExchangeHarness().emulator))
        do {
            _ = try ExchangeProviderMaker().makeProvider(
                for: Self.integration(Self.connection(url: url, caFile: caFile)), in: environment)
            Issue.record("made a provider for \(url)")
        } catch let error as CalendarError {
            #expect(error.kind == .configuration)
            #expect(error.message.contains(named))
            #expect(!error.message.contains(ExchangeHarness.password))
        }
    }

    @Test func theConnectionChecksLogOnAndNameWhereAWrongPasswordComesFrom() async throws {
        let h = try ExchangeHarness()
        let environment = ProviderEnvironment(transport: InProcessTransport(h.emulator), clock: h.clock)
        let good = await ExchangeProviderMaker().connectionChecks(
            for: Self.integration(Self.connection()), secretSource: nil, in: environment)
        #expect(good.canContinue)
        #expect(good.findings.map(\.severity) == [.ok, .ok])

        let wrong = await ExchangeProviderMaker().connectionChecks(
            for: Self.integration(Self.connection(password: "Wrong-Password-1")),
            secretSource: "environment variable CONTOSO_EWS_PASSWORD", in: environment)
        #expect(!wrong.canContinue)
        let logon = try #require(wrong.findings.last)
        #expect(logon.check == .token && logon.severity == .problem)
        #expect(logon.details.contains("the password comes from environment variable CONTOSO_EWS_PASSWORD"))
        #expect(!"\(wrong)".contains("Wrong-Password-1"))
        #expect(h.stats?.failedLogons == 1)
    }

    /// In production the process's transport is libcurl's: each integration gets its own, and NTLM logs it on.
    @Test func overLibcurlEachIntegrationLogsOnWithNTLMOnItsOwnTransport() async throws {
        let emulator = EWSEmulator(tenant: try EWSTenant(contentsOf: ExchangeFixtures.tenantPath))
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: emulator)
        let port = try server.start()
        defer { Task { await server.shutdown(timeout: 2) } }
        var connection = Self.connection(url: "http://127.0.0.1:\(port)/EWS/Exchange.asmx")
        connection.authScheme = .ntlm
        let shared = CurlTransport(maxConnections: 2)
        let provider = try ExchangeProviderMaker().provider(
            for: Self.integration(connection), in: ProviderEnvironment(transport: shared))
        #expect(provider.client.transport as? CurlTransport !== shared)
        let users = try await provider.directory(for: [ExchangeHarness.jane])
        #expect(users.map(\.id) == [ExchangeHarness.jane])
        #expect(emulator.stats().accounts["svc-calsync"]?.failedLogons == 0)
    }
}
