import CalSyncCore
import CalSyncHTTP
import EWSEmulator
import Foundation
import GraphEmulator

/// The demo's calendar system, served on a free loopback port: its emulator, the integration that reaches it, and
/// Ana's side of the story. Microsoft 365 (the GraphEmulator) unless `--provider exchange` (the EWSEmulator, logged
/// on to with NTLM as a service account with the ApplicationImpersonation role).
struct DemoBackend: Sendable {
    /// The `--provider` values.
    static let providers = [Microsoft365Connection.type, ExchangeConnection.type]

    let server: HTTPServer
    let integration: Integration
    let calendars: any DemoCalendars
    /// What the demo prints about the emulator.
    let lines: [String]

    static func start(provider: String, demo: DemoTenant) throws -> DemoBackend {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        if provider == ExchangeConnection.type {
            let exchange = try ExchangeDemoTenant()
            let emulator = EWSEmulator(tenant: exchange.tenant)
            let server = HTTPServer(configuration: configuration, responder: emulator)
            let base = "http://127.0.0.1:\(try server.start())"
            let integration = Integration(
                id: "contoso", name: "Contoso (emulated Exchange Server)",
                connection: .exchange(
                    ExchangeConnection(
                        ewsURL: "\(base)/EWS/Exchange.asmx", username: ExchangeDemoTenant.username,
                        password: exchange.password, authScheme: .ntlm)),
                createdAt: Date())
            return DemoBackend(
                server: server, integration: integration,
                calendars: ExchangeDemoCalendars(emulator: emulator, ana: ExchangeDemoTenant.ana),
                lines: [
                    "  EWS emulator:   \(base)/EWS/Exchange.asmx (NTLM as \(ExchangeDemoTenant.username); side door \(base)/_emulator/)"
                ])
        }
        let emulator = GraphEmulator(tenant: demo.tenant, configuration: EmulatorConfiguration(), zones: .bundled)
        let server = HTTPServer(configuration: configuration, responder: emulator)
        let base = "http://127.0.0.1:\(try server.start())"
        let integration = Integration(
            id: "contoso", name: "Contoso (emulated Microsoft 365)", tenantId: DemoTenant.tenantId,
            clientId: DemoTenant.clientId, clientSecret: demo.clientSecret, graphBaseURL: "\(base)/v1.0",
            authorityHost: base, createdAt: Date())
        return DemoBackend(
            server: server, integration: integration,
            calendars: GraphDemoCalendars(emulator: emulator, ana: demo.tenant.users[0].id),
            lines: ["  Graph emulator: \(base)/v1.0 (side door \(base)/_emulator/)"])
    }
}
