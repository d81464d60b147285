import CalSyncCore
import Foundation
import Testing

/// People resolved with ResolveNames and each calendar's zone, against the EWSEmulator.
@Suite struct PeopleAndZoneTests {
    @Test func addressesResolveByPrimaryAddressAliasAndAnyCase() async throws {
        let h = try ExchangeHarness()
        let wanted = ["jane.doe@contoso.example", "JDOE@contoso.example", "Ben.Smith@CONTOSO.example", "nobody@contoso.example"]
        let users = try await h.provider.directory(for: wanted)
        let matcher = EmailMatcher(users: users)
        guard case .matched(let jane, .mail) = matcher.match(email: "jane.doe@contoso.example") else {
            Issue.record("jane is not matched by mail: \(users)")
            return
        }
        #expect(jane.id == ExchangeHarness.jane)
        #expect(jane.displayName == "Jane Doe")
        #expect(
            Set(jane.proxyAddresses) == [
                "SMTP:jane.doe@contoso.example", "smtp:jdoe@contoso.example", "smtp:jane@contoso.example",
            ])
        guard case .matched(let alias, .proxyAddress) = matcher.match(email: "JDOE@contoso.example") else {
            Issue.record("the alias does not match")
            return
        }
        #expect(alias.id == ExchangeHarness.jane)
        guard case .matched(let ben, _) = matcher.match(email: "Ben.Smith@CONTOSO.example") else {
            Issue.record("ben is not matched")
            return
        }
        #expect(ben.id == ExchangeHarness.ben)
        guard case .unmatched = matcher.match(email: "nobody@contoso.example") else {
            Issue.record("nobody is matched")
            return
        }
        // One ResolveNames per address, as the service account (no impersonation header).
        #expect(h.stats?.operations["ResolveNames"] == 4)
        #expect(h.stats?.missingAnchorMailbox == 0)
    }

    @Test func calendarZoneComesFromThePersonsOwnItems() async throws {
        let h = try ExchangeHarness()
        #expect(try await h.provider.timeZone(of: ExchangeHarness.jane) == "Europe/Paris")
        #expect(try await h.provider.timeZone(of: ExchangeHarness.ben) == "Europe/Berlin")
        #expect(try await h.provider.timeZone(of: ExchangeHarness.chloe) == "America/New_York")
        // No items: the configured fallback.
        #expect(try await h.provider.timeZone(of: "svc-calsync@contoso.example") == "UTC")
    }

    @Test func calSyncsOwnItemsDoNotDecideTheZone() async throws {
        let h = try ExchangeHarness()
        for day in 10...13 {
            let start = Timestamp.parse("2026-03-\(day)T08:00:00Z")!
            let event = OutgoingEvent(
                subject: "Training \(day)", bodyText: "", location: nil,
                time: .timed(TimeRange(start: start, end: start.addingTimeInterval(3600)), zone: "Asia/Tokyo"),
                showAs: .busy, isReminderOn: false, categories: [EventTag.category], tag: "calsync|t|training|\(day)|ben")
            _ = try await h.provider.create(event, in: ExchangeHarness.ben, idempotencyKey: "k\(day)")
        }
        #expect(h.stored(ExchangeHarness.ben)["Training 10"]?["startTimeZone"]?.stringValue == "Tokyo Standard Time")
        #expect(try await h.provider.timeZone(of: ExchangeHarness.ben) == "Europe/Berlin")
    }
}
