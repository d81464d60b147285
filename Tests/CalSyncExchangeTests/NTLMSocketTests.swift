import CalSyncCore
import CalSyncExchange
import CalSyncHTTP
import EWSEmulator
import Foundation
import Testing

/// The adapter over real sockets with libcurl's own NTLM: the emulator checks the NTLMv2 response against the
/// password, and a logged-on connection is reused without a new handshake.
@Suite struct NTLMSocketTests {
    @Test func ntlmLogsOnOnceAndReusesTheConnection() async throws {
        let tenant = try EWSTenant(contentsOf: ExchangeFixtures.tenantPath)
        let emulator = EWSEmulator(tenant: tenant)
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: emulator)
        let port = try server.start()
        defer { Task { await server.shutdown(timeout: 2) } }
        let url = URL(string: "http://127.0.0.1:\(port)/EWS/Exchange.asmx")!
        let provider = ExchangeCalendarProvider(
            settings: ExchangeSettings(
                ewsURL: url, username: ExchangeHarness.account, password: Secret(ExchangeHarness.password),
                authScheme: .ntlm, inFlightLimit: 1))
        let users = try await provider.directory(for: [ExchangeHarness.jane])
        #expect(users.map(\.id) == [ExchangeHarness.jane])
        let now = Date()
        let window = TimeRange(start: now.addingTimeInterval(-7 * 86_400), end: now.addingTimeInterval(21 * 86_400))
        let page = try await provider.changes(in: ExchangeHarness.jane, window: window, from: nil)
        #expect(!page.changes.isEmpty)
        let start = now.addingTimeInterval(3 * 86_400)
        let event = OutgoingEvent(
            subject: "NTLM training", bodyText: "", location: nil,
            time: .timed(TimeRange(start: start, end: start.addingTimeInterval(3600)), zone: "Europe/Paris"),
            showAs: .busy, isReminderOn: false, categories: [EventTag.category], tag: "calsync|c|training|ntlm|jane")
        let id = try await provider.create(event, in: ExchangeHarness.jane, idempotencyKey: "ntlm")
        #expect(emulator.items(mailbox: ExchangeHarness.jane).contains { $0["id"]?.stringValue == id })
        let stats = try #require(emulator.stats().accounts["svc-calsync"])
        #expect(stats.failedLogons == 0)
        #expect(stats.requests >= 4)
        // One handshake (its challenge is the only 401) for every request on the kept connection.
        #expect(emulator.stats().unauthorized <= 2)

        let wrong = ExchangeCalendarProvider(
            settings: ExchangeSettings(
                ewsURL: url, username: ExchangeHarness.account, password: Secret("wrong"), authScheme: .ntlm))
        do {
            _ = try await wrong.timeZone(of: ExchangeHarness.jane)
            Issue.record("a wrong password logged on")
        } catch let error as CalendarError {
            #expect(error.kind == .credentialsRejected)
        }
        #expect(emulator.stats().accounts["svc-calsync"]?.failedLogons == 1)
    }
}
