import Testing

@testable import CalSyncCore

@Suite struct EmailMatcherTests {
    let users = [
        DirectoryUser(
            id: "u1", mail: "Ana.Lopez@Contoso.example", userPrincipalName: "ana@contoso.example",
            proxyAddresses: ["SMTP:Ana.Lopez@contoso.example", "smtp:ana.l@contoso.example", "x500:/o=ana"]),
        DirectoryUser(id: "u2", mail: nil, userPrincipalName: "ben@contoso.example"),
        DirectoryUser(id: "u3", mail: "team@contoso.example", userPrincipalName: "c@contoso.example"),
        DirectoryUser(id: "u4", mail: "TEAM@contoso.example", userPrincipalName: "d@contoso.example"),
        DirectoryUser(
            id: "u5", mail: "eve@contoso.example", userPrincipalName: "eve@contoso.example",
            proxyAddresses: ["SMTP:eve@contoso.example"]),
    ]

    @Test func matchesMailCaseInsensitively() {
        guard case .matched(let user, let field) = EmailMatcher(users: users).match(email: "ana.lopez@CONTOSO.example ")
        else {
            Issue.record("expected a match")
            return
        }
        #expect(user.id == "u1")
        #expect(field == .mail)
    }

    @Test func matchesSecondaryProxyAddress() {
        guard case .matched(let user, let field) = EmailMatcher(users: users).match(email: "ANA.L@contoso.example")
        else {
            Issue.record("expected a match")
            return
        }
        #expect(user.id == "u1")
        #expect(field == .proxyAddress)
    }

    @Test func fallsBackToUserPrincipalName() {
        guard case .matched(let user, let field) = EmailMatcher(users: users).match(email: "Ben@contoso.example")
        else {
            Issue.record("expected a match")
            return
        }
        #expect(user.id == "u2")
        #expect(field == .userPrincipalName)
    }

    @Test func neverGuessesBetweenTwoUsers() {
        guard case .ambiguous(let candidates, _) = EmailMatcher(users: users).match(email: "team@contoso.example")
        else {
            Issue.record("expected ambiguity")
            return
        }
        #expect(candidates.map(\.id) == ["u3", "u4"])
    }

    @Test func oneUserFoundThroughSeveralFieldsIsStillOne() {
        guard case .matched(let user, _) = EmailMatcher(users: users).match(email: "eve@contoso.example")
        else {
            Issue.record("expected a match")
            return
        }
        #expect(user.id == "u5")
    }

    @Test func unknownAndEmptyAddressesAreUnmatched() {
        let matcher = EmailMatcher(users: users)
        guard case .unmatched(let reason) = matcher.match(email: "nobody@contoso.example") else {
            Issue.record("expected unmatched")
            return
        }
        #expect(reason.contains("nobody@contoso.example"))
        guard case .unmatched = matcher.match(email: "  ") else {
            Issue.record("expected unmatched")
            return
        }
        // An x500 proxy address is not an e-mail address.
        guard case .unmatched = matcher.match(email: "/o=ana") else {
            Issue.record("expected unmatched")
            return
        }
    }
}
