import CalSyncCore
import CalSyncExchange
import CalSyncHTTP
import EWSEmulator
import Foundation
import Testing

/// What the service account as a whole meets: throttling, a refused password, impersonation refused, unknown people.
@Suite struct AccountFailureTests {
    static func failure(_ body: () async throws -> Void) async -> CalendarError? {
        do {
            try await body()
            return nil
        } catch let error as CalendarError {
            return error
        } catch {
            Issue.record("not a CalendarError: \(error)")
            return nil
        }
    }

    @Test func serverBusyIsWaitedOutThenRetried() async throws {
        var configuration = EWSConfiguration()
        configuration.faults.serverBusyNextRequests = 1
        configuration.faults.backOffMilliseconds = 300...300
        let h = try ExchangeHarness(configuration: configuration)
        let started = ContinuousClock.now
        let round = try await h.round()
        #expect(!round.changes.isEmpty)
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        #expect(h.stats?.serverBusyGiven == 1)
        #expect(h.stats?.earlyRequests == 0)
    }

    @Test func aBackOffLongerThanTheRetryBudgetHoldsEveryMailbox() async throws {
        var configuration = EWSConfiguration()
        configuration.faults.serverBusyNextRequests = 1
        configuration.faults.backOffMilliseconds = 300...300
        let h = try ExchangeHarness(configuration: configuration)
        var settings = h.provider.settings
        settings.retryWaitBudget = 0.1
        let provider = ExchangeCalendarProvider(
            settings: settings, transport: InProcessTransport(h.emulator), clock: h.clock)
        let busy = await Self.failure { _ = try await provider.timeZone(of: ExchangeHarness.jane) }
        #expect(busy?.kind == .throttled)
        #expect(busy?.retryAfter == 0.3)
        let held = await Self.failure { _ = try await provider.timeZone(of: ExchangeHarness.ben) }
        #expect(held?.kind == .throttled)
        #expect(held?.providerCode == CalendarError.deferredCode)
        #expect(h.stats?.requests == 1)
        try await Task.sleep(for: .milliseconds(350))
        #expect(try await provider.timeZone(of: ExchangeHarness.ben) == "Europe/Berlin")
        #expect(h.stats?.earlyRequests == 0)
    }

    @Test func aRefusedPasswordIsNotTriedAgainByAnyMailbox() async throws {
        let h = try ExchangeHarness()
        let provider = h.provider(username: ExchangeHarness.account, password: "calsync-demo-2026!")
        let refused = await Self.failure { _ = try await provider.directory(for: [ExchangeHarness.jane]) }
        #expect(refused?.kind == .credentialsRejected)
        #expect(refused?.httpStatus == 401)
        for mailbox in [ExchangeHarness.jane, ExchangeHarness.ben, ExchangeHarness.chloe] {
            let again = await Self.failure { _ = try await provider.timeZone(of: mailbox) }
            #expect(again?.kind == .credentialsRejected)
        }
        #expect(h.stats?.failedLogons == 1)
        #expect(provider.failedLogons == 1)
    }

    @Test func impersonationOutsideTheScopeIsAMissingPermission() async throws {
        let h = try ExchangeHarness()
        let scoped = h.provider(username: #"CONTOSO\svc-scoped"#, password: "Scoped-Demo-2026!")
        #expect(try await scoped.timeZone(of: ExchangeHarness.jane) == "Europe/Paris")
        let denied = await Self.failure { _ = try await scoped.timeZone(of: ExchangeHarness.ben) }
        #expect(denied?.kind == .permissionMissing)
        #expect(denied?.providerCode == "ErrorImpersonateUserDenied")
        let noRole = h.provider(username: "svc-norole@contoso.example", password: "NoRole-Demo-2026!")
        let none = await Self.failure { _ = try await noRole.round(h, ExchangeHarness.jane) }
        #expect(none?.kind == .permissionMissing)
    }

    @Test func aMailboxThatDoesNotExistIsNoCalendar() async throws {
        for shape in [EWSConfiguration.ErrorShape.fault, .responseMessage] {
            var configuration = EWSConfiguration()
            configuration.nonExistentMailboxShape = shape
            let h = try ExchangeHarness(configuration: configuration)
            let error = await Self.failure { _ = try await h.round("gone@contoso.example") }
            #expect(error?.kind == .noCalendar, "\(shape)")
            #expect(error?.providerCode == "ErrorNonExistentMailbox", "\(shape)")
        }
    }
}

extension ExchangeCalendarProvider {
    /// One page of a full listing for `calendar` over the harness's window.
    fileprivate func round(_ h: ExchangeHarness, _ calendar: String) async throws -> ChangePage {
        try await changes(in: calendar, window: ExchangeHarness.window, from: nil)
    }
}
