import CalSyncCore
import CalSyncGoogle
import CalSyncHTTP
import Foundation
import GoogleEmulator
import Testing

/// People and zones (docs/google.md, "Finding people", "Calendar time zone").
@Suite struct GoogleDirectoryTests {
    typealias H = GoogleAdapterHarness

    @Test func anAdministratorListsTheDirectoryWithEveryAddress() async throws {
        let h = try H(settings: GoogleProviderSettings(adminEmail: H.grace))
        let users = try await h.provider.directory(for: [H.ada])
        #expect(users.map(\.id) == [H.ada, H.grace, H.linus])  // margaret is suspended
        let ada = try #require(users.first)
        #expect(ada.mail == H.ada)
        #expect(ada.displayName == "Ada Lovelace")
        #expect(
            ada.proxyAddresses == [
                "SMTP:ada@fabrikam.example", "smtp:a.lovelace@fabrikam.example", "smtp:ada@fabrikam.example.test-google-a.com",
            ])
        let matcher = EmailMatcher(users: users)
        guard case .matched(let user, via: .proxyAddress) = matcher.match(email: "A.Lovelace@fabrikam.example") else {
            Issue.record("the alias did not match")
            return
        }
        #expect(user.id == H.ada)
        #expect(h.emulator.stats().person(H.grace).tokensIssued == 1)
    }

    @Test func withoutAnAdministratorEachAddressIsTriedAsACalendar() async throws {
        let h = try H()
        let users = try await h.provider.directory(for: [
            H.ada, "GRACE@fabrikam.example", "nobody@fabrikam.example", H.margaret, "not-an-address", H.ada,
        ])
        #expect(users.map(\.id) == [H.ada, H.grace])
        #expect(users.map(\.proxyAddresses) == [["SMTP:ada@fabrikam.example"], ["SMTP:grace@fabrikam.example"]])
        // The tokens are kept: the first sync of these people signs nothing new.
        _ = try await h.provider.timeZone(of: H.grace)
        #expect(h.emulator.stats().person(H.grace).tokensIssued == 1)
    }

    @Test(arguments: [false, true])
    func aRefusedDirectoryFallsBackToTheAddresses(notAdmin: Bool) async throws {
        let h = try H(settings: GoogleProviderSettings(adminEmail: notAdmin ? H.ada : H.grace))
        if !notAdmin {
            h.emulator.revokeDelegation(clientId: H.clientId, scopes: [GoogleScope.directory])
        }
        let users = try await h.provider.directory(for: [H.linus, "a.lovelace@fabrikam.example"])
        #expect(users.map(\.id) == [H.linus])
    }

    @Test func missingCalendarDelegationIsNotMistakenForUnknownPeople() async throws {
        let h = try H()
        h.emulator.revokeDelegation(clientId: H.clientId)
        let error = try #require(await h.failure { _ = try await h.provider.directory(for: [H.ada]) })
        #expect(error.kind == .permissionMissing)
        #expect(error.message.contains(H.clientId))
    }

    @Test func theCalendarZoneIsTheIANAName() async throws {
        let h = try H()
        #expect(try await h.provider.timeZone(of: H.ada) == "Europe/Zurich")
        #expect(try await h.provider.timeZone(of: H.grace) == "America/New_York")
        #expect(try await h.provider.timeZone(of: H.linus) == "Asia/Tokyo")
    }
}
