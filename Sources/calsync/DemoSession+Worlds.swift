import CalSyncCore
import CalSyncHTTP
import EWSEmulator
import Foundation
import GoogleEmulator
import GraphEmulator

extension DemoSession {
    /// The emulated calendar system of a demo: its server on a free loopback port, the integration that reaches it,
    /// and the side door the story uses.
    struct World {
        let server: HTTPServer
        let integration: Integration
        let calendars: any DemoCalendars
        /// The emulator's line in the demo's heading.
        let emulatorLine: String
    }

    /// The `--provider` values.
    static let providers = [Microsoft365Connection.type, ExchangeConnection.type, GoogleConnection.type]

    /// The world of `provider` (one of `providers`).
    static func world(_ provider: String, _ demo: DemoTenant) throws -> World {
        switch provider {
        case ExchangeConnection.type: try exchange(demo)
        case GoogleConnection.type: try google(demo)
        default: try microsoft365(demo)
        }
    }

    static func serve(_ responder: any HTTPResponder) throws -> (HTTPServer, String) {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: responder)
        return (server, "http://127.0.0.1:\(try server.start())")
    }

    /// Microsoft 365: the Graph emulator with the demo tenant.
    static func microsoft365(_ demo: DemoTenant) throws -> World {
        let emulator = GraphEmulator(tenant: demo.tenant, configuration: EmulatorConfiguration(), zones: .bundled)
        let (server, base) = try serve(emulator)
        return World(
            server: server,
            integration: Integration(
                id: "contoso", name: "Contoso (emulated Microsoft 365)", tenantId: DemoTenant.tenantId,
                clientId: DemoTenant.clientId, clientSecret: demo.clientSecret, graphBaseURL: "\(base)/v1.0",
                authorityHost: base, createdAt: Date()),
            calendars: GraphDemoCalendars(emulator: emulator, userIds: demo.tenant.users.map(\.id)),
            emulatorLine: "  Graph emulator: \(base)/v1.0 (side door \(base)/_emulator/)")
    }

    /// Google Workspace: the Google emulator with the same people, a service-account key made for this run.
    static func google(_ demo: DemoTenant) throws -> World {
        let google = try GoogleDemoTenant(today: LocalDate(Date(), in: TimeZone(identifier: "UTC")!))
        let emulator = GoogleEmulator(tenant: google.tenant)
        let (server, base) = try serve(emulator)
        return World(
            server: server, integration: try google.integration(base: base),
            calendars: GoogleDemoCalendars(emulator: emulator, addresses: google.tenant.users.map(\.primaryEmail)),
            emulatorLine: "  Google emulator: \(base) (token \(base)/token, side door \(base)/_emulator/; "
                + "service account \(GoogleDemoTenant.clientEmail), client id \(GoogleDemoTenant.clientId))")
    }

    /// Exchange Server: the EWS emulator with the same people, logged on to with NTLM as a service account with the
    /// ApplicationImpersonation role.
    static func exchange(_ demo: DemoTenant) throws -> World {
        let exchange = try ExchangeDemoTenant()
        let emulator = EWSEmulator(tenant: exchange.tenant)
        let (server, base) = try serve(emulator)
        return World(
            server: server,
            integration: Integration(
                id: "contoso", name: "Contoso (emulated Exchange Server)",
                connection: .exchange(
                    ExchangeConnection(
                        ewsURL: "\(base)/EWS/Exchange.asmx", username: ExchangeDemoTenant.username,
                        password: exchange.password, authScheme: .ntlm)),
                createdAt: Date()),
            calendars: ExchangeDemoCalendars(
                emulator: emulator, addresses: exchange.tenant.mailboxes.map(\.primarySmtpAddress)),
            emulatorLine: "  EWS emulator:   \(base)/EWS/Exchange.asmx (NTLM as \(ExchangeDemoTenant.username); "
                + "side door \(base)/_emulator/)")
    }
}
