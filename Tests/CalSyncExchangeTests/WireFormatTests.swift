import CalSyncCore
import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncExchange

/// The adapter's requests and its reading of Microsoft's sample answers (`fixtures/ews/`), through a scripted
/// transport: headers, errors mapped to neutral kinds with EWS's code kept, the account-wide holds.
@Suite struct WireFormatTests {
    static func provider(_ transport: RecordingTransport, clock: ManualClock = ManualClock(ExchangeHarness.now))
        -> ExchangeCalendarProvider
    {
        ExchangeCalendarProvider(
            settings: ExchangeSettings(
                ewsURL: URL(string: "https://mail.contoso.example/ews/exchange.asmx")!, username: #"CONTOSO\svc"#,
                password: Secret("pw"), authScheme: .ntlm),
            transport: transport, clock: clock)
    }

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

    @Test func everyRequestCarriesVersionImpersonationAndAnchor() async throws {
        let transport = try RecordingTransport(fixture: "19-deleteitem-error-itemnotfound.xml")
        let provider = Self.provider(transport)
        let error = await Self.failure { try await provider.delete("AAMkAD=", in: "alice@contoso.com") }
        #expect(error?.kind == .notFound)
        #expect(error?.providerCode == "ErrorItemNotFound")
        let request = try #require(transport.requests.first)
        #expect(request.headers["X-AnchorMailbox"] == "alice@contoso.com")
        #expect(request.headers["Content-Type"] == "text/xml; charset=utf-8")
        #expect(request.credentials == HTTPCredentials(scheme: .ntlm, username: #"CONTOSO\svc"#, password: "pw"))
        let body = try #require(transport.bodies.first)
        #expect(body.contains(#"<t:RequestServerVersion Version="Exchange2013_SP1"/>"#))
        #expect(
            body.contains(
                "<t:ExchangeImpersonation><t:ConnectingSID><t:PrimarySmtpAddress>alice@contoso.com</t:PrimarySmtpAddress>"))
        #expect(body.contains(#"<m:DeleteItem DeleteType="HardDelete" SendMeetingCancellations="SendToNone">"#))
        #expect(!body.contains("pw"))
    }

    @Test func serverBusyHoldsTheWholeAccountForItsBackOff() async throws {
        let transport = try RecordingTransport(fixture: "obs-fault-errorserverbusy.xml", status: 500)
        let clock = ManualClock(ExchangeHarness.now)
        let provider = Self.provider(transport, clock: clock)
        let busy = await Self.failure { _ = try await provider.timeZone(of: "alice@contoso.com") }
        #expect(busy?.kind == .throttled)
        #expect(busy?.providerCode == "ErrorServerBusy")
        #expect(busy?.retryAfter == 178.51)
        // Another mailbox of the same account: refused without a request until the back-off elapsed (it is longer
        // than the retry budget, so the call does not wait it out).
        let held = await Self.failure { try await provider.delete("x", in: "bob@contoso.com") }
        #expect(held?.kind == .throttled)
        #expect(held?.providerCode == CalendarError.deferredCode)
        #expect((held?.retryAfter ?? 0) > 170 && (held?.retryAfter ?? 0) <= 178.51)
        #expect(transport.requests.count == 1)
    }

    @Test func faultsAndMessagesMapToNeutralKinds() async throws {
        let cases: [(String, Int, CalendarError.Kind, String)] = [
            ("obs-fault-errorimpersonateuserdenied.xml", 500, .permissionMissing, "ErrorImpersonateUserDenied"),
            ("29-soap-fault-schemavalidation.xml", 500, .invalidRequest, "ErrorSchemaValidation"),
            ("09-syncfolderitems-error-invalidsyncstate.xml", 200, .cursorExpired, "ErrorInvalidSyncStateData"),
        ]
        for (fixture, status, kind, code) in cases {
            let provider = Self.provider(try RecordingTransport(fixture: fixture, status: status))
            let error = await Self.failure {
                _ = try await provider.changes(
                    in: "alice@contoso.com", window: ExchangeHarness.window,
                    from: SyncCursor("ews1|1771804800|1774224000|-|H4sIAAA="))
            }
            #expect(error?.kind == kind, "\(fixture)")
            #expect(error?.providerCode == code, "\(fixture)")
        }
    }

    @Test func calendarViewErrorsKeepTheirCode() async throws {
        let provider = Self.provider(try RecordingTransport(fixture: "obs-finditem-error-calendarviewrangetoobig.xml"))
        let error = await Self.failure { _ = try await provider.calendarView("alice@contoso.com", ExchangeHarness.window) }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.providerCode == "ErrorCalendarViewRangeTooBig")
    }

    @Test func refusedPasswordIsNotTriedAgain() async throws {
        let transport = RecordingTransport([.init(status: 401, body: "")])
        let provider = Self.provider(transport)
        let first = await Self.failure { _ = try await provider.directory(for: ["alice@contoso.com"]) }
        #expect(first?.kind == .credentialsRejected)
        #expect(first.map { !$0.description.contains("pw") } == true)
        let second = await Self.failure { _ = try await provider.timeZone(of: "bob@contoso.com") }
        #expect(second?.kind == .credentialsRejected)
        #expect(transport.requests.count == 1)
        #expect(provider.failedLogons == 1)
        provider.retryRefusedLogon()
        _ = await Self.failure { _ = try await provider.timeZone(of: "bob@contoso.com") }
        #expect(transport.requests.count == 2)
    }

    @Test func serverErrorPagesAndTransportFailuresAreTransient() async throws {
        let page = RecordingTransport([
            .init(status: 500, body: "<html>Server Error in '/EWS' Application.</html>"),
            .init(status: 503, body: "Service Unavailable", headers: ["Retry-After": "7"]),
        ])
        let provider = Self.provider(page)
        let event = OutgoingEvent(
            subject: "Training", bodyText: "", location: nil,
            time: .timed(ExchangeHarness.window, zone: "Europe/Paris"), showAs: .busy, isReminderOn: false,
            categories: ["CalSync"], tag: "calsync|i|training|1|p")
        let create = await Self.failure { _ = try await provider.create(event, in: "a@contoso.com", idempotencyKey: "k") }
        #expect(create?.kind == .transient)
        #expect(create?.isOutcomeUnknown == true)
        let unavailable = await Self.failure { _ = try await provider.timeZone(of: "a@contoso.com") }
        #expect(unavailable?.kind == .transient)
        #expect(unavailable?.httpStatus == 503)
        #expect(unavailable?.retryAfter == 7)
    }

    @Test func plainHTTPToARemoteHostIsRefusedBeforeSending() async throws {
        let transport = RecordingTransport([.init(status: 200, body: "")])
        let provider = ExchangeCalendarProvider(
            settings: ExchangeSettings(
                ewsURL: URL(string: "http://mail.contoso.example/EWS/Exchange.asmx")!, username: "svc",
                password: Secret("pw")),
            transport: transport)
        let error = await Self.failure { _ = try await provider.timeZone(of: "a@contoso.com") }
        #expect(error?.kind == .configuration)
        #expect(transport.requests.isEmpty)
    }

    @Test func readsMicrosoftsSampleAnswers() async throws {
        let names = try RecordingTransport(fixture: "21-resolvenames-response.xml")
        let users = try await Self.provider(names).directory(for: ["user2@example.com"])
        #expect(users.map(\.mail) == ["User2@example.com"])

        let none = try RecordingTransport(fixture: "22-resolvenames-error-noresults.xml")
        #expect(try await Self.provider(none).directory(for: ["nobody@example.com"]).isEmpty)

        let item = try RecordingTransport(fixture: "06-getitem-calendar-response-allproperties.xml")
        let event = try await Self.provider(item).event("AAAlAE1BQG1", in: "alice@contoso.com")
        #expect(event.showAs == .busy)
        #expect(!event.isSeriesMaster)
        guard case .timed(let range, _) = event.time else {
            Issue.record("not a timed event: \(String(describing: event.time))")
            return
        }
        #expect(Timestamp.format(range.start) == "2006-06-16T00:30:00Z")
    }
}
