import CalSyncCore
import CalSyncHTTP
import CalSyncProviders
import CalSyncStore
import Foundation
import GraphEmulator
import Testing

@testable import CalSyncWorker
@testable import calsync

@Suite struct CycleErrorLogTests {
    @Test func eachErrorIsAWarningUpToTwentyThenHowManyMore() {
        var a = CycleReport.IntegrationReport(integrationId: "contoso", integrationName: "Contoso")
        a.errors = (1...15).map { "pulling i-\($0): 503 serviceUnavailable" }
        var b = CycleReport.IntegrationReport(integrationId: "fabrikam", integrationName: "Fabrikam")
        b.errors = (1...12).map { "create event t-1 for i-\($0): 403 ErrorAccessDenied" }
        let log = LogLines()
        CycleErrorLog.log(CycleReport(startedAt: Date(), finishedAt: Date(), integrations: [a, b]), to: log.logger)
        let warnings = log.with(message: "cycle error")
        #expect(warnings.count == 20)
        #expect(warnings.first?.contains(#""error":"pulling i-1: 503 serviceUnavailable""#) == true)
        #expect(warnings.first?.contains(#""integration":"contoso""#) == true)
        #expect(warnings.last?.contains(#""error":"create event t-1 for i-5: 403 ErrorAccessDenied""#) == true)
        #expect(warnings.last?.contains(#""integration":"fabrikam""#) == true)
        #expect(log.with(message: "and 7 more cycle errors").count == 1)
        #expect(log.all.allSatisfy { $0.contains(#""level":"warning""#) })
        #expect(log.all.count == 21)
    }

    @Test func aCycleWithoutErrorsLogsNothing() {
        let report = CycleReport(
            startedAt: Date(), finishedAt: Date(), integrations: [.init(integrationId: "contoso", integrationName: "Contoso")])
        let log = LogLines()
        CycleErrorLog.log(report, to: log.logger)
        #expect(log.all.isEmpty)
    }

    /// A real cycle through `calsync`'s Graph providers: a refused token and an insecure URL reach the journal, the
    /// client secret never does.
    @Test func aRefusedTokenAndAnInsecureURLReachTheJournalWithoutTheSecret() async throws {
        let tenant = EmulatorTenant(
            tenantId: "11111111-2222-3333-4444-555555555555", domain: "contoso.example",
            apps: [EmulatorTenant.App(clientId: "calsync-app", clientSecret: "the-right-secret", roles: ["User.Read.All"])],
            users: [])
        var serverConfiguration = HTTPServerConfiguration()
        serverConfiguration.port = 0
        let server = HTTPServer(
            configuration: serverConfiguration,
            responder: GraphEmulator(tenant: tenant, configuration: EmulatorConfiguration(), zones: .bundled))
        let port = try server.start()
        let store = try CalSyncStore(path: ":memory:")
        let wrongSecret = "wrong-secret-0123456789"
        try await store.saveIntegration(
            Integration(
                id: "contoso", name: "Contoso", tenantId: tenant.tenantId, clientId: "calsync-app",
                clientSecret: Secret(wrongSecret), graphBaseURL: "http://127.0.0.1:\(port)/v1.0",
                authorityHost: "http://127.0.0.1:\(port)", createdAt: Date()))
        try await store.saveIntegration(
            Integration(
                id: "plain", name: "Plain HTTP", tenantId: tenant.tenantId, clientId: "calsync-app",
                clientSecret: Secret(wrongSecret), graphBaseURL: "http://graph.contoso.example/v1.0", createdAt: Date()))
        _ = try await store.saveInstructor(Instructor(id: "i-ana", name: "Ana", email: "ana@contoso.example"))
        let engine = SyncEngine(
            store: store, providers: ProviderRegistry.standard(transport: CurlTransport(maxConnections: 2)), logger: .silent)
        let report = try #require(await engine.runCycle())
        await server.shutdown(timeout: 2)

        let log = LogLines()
        CycleErrorLog.log(report, to: log.logger)
        let warnings = log.with(message: "cycle error")
        #expect(warnings.count == report.errorCount)
        #expect(warnings.contains { $0.contains(#""integration":"contoso""#) && $0.contains("AADSTS7000215") })
        #expect(warnings.contains { $0.contains(#""integration":"plain""#) && $0.contains("plain http://") })
        #expect(!log.all.contains { $0.contains(wrongSecret) || $0.contains("the-right-secret") })
    }
}
