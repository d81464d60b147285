import CalSyncHTTP
import Foundation
import GoogleEmulator
import Testing

@Suite struct GoogleDirectoryTests {
    static let users = "/admin/directory/v1/users"

    @Test func anAdminListsEveryUserWithPrimaryEmailEmailsAndAliases() async throws {
        let h = try GoogleHarness()
        let token = try h.token(GoogleHarness.grace, scopes: [GoogleHarness.directoryScope])
        let reply = await h.send(
            .get, GoogleHarness.url(Self.users, [("customer", "my_customer"), ("maxResults", "500")]), token: token)
        #expect(reply.status == 200)
        #expect(reply.json["kind"] == "admin#directory#users")
        #expect(reply.json["nextPageToken"] == nil)
        let users = reply.json["users"]?.arrayValue ?? []
        #expect(
            users.map { $0["primaryEmail"]?.stringValue ?? "" } == [
                "ada@fabrikam.example", "grace@fabrikam.example", "linus@fabrikam.example", "margaret@fabrikam.example",
            ])
        let ada = try #require(users.first)
        #expect(ada["kind"] == "admin#directory#user")
        #expect(ada["id"] == "110248495921238986420")
        #expect(ada["aliases"] == ["a.lovelace@fabrikam.example"])
        #expect(ada["nonEditableAliases"] == ["ada@fabrikam.example.test-google-a.com"])
        #expect(
            ada["emails"] == [
                ["address": "ada@fabrikam.example", "primary": true], ["address": "a.lovelace@fabrikam.example"],
                ["address": "ada@fabrikam.example.test-google-a.com"],
            ])
        #expect(ada["name"]?["fullName"] == "Ada Lovelace")
        #expect(ada["isAdmin"] == false)
        #expect(ada["customerId"] == "C03fabr1k")
        #expect(users[1]["isAdmin"] == true)
        #expect(users[3]["suspended"] == true)
        #expect(users[2]["aliases"] == nil)
        // The illustration's shape: every key it shows for a user is there.
        let illustration = try GoogleHarness.fixture("users-list-illustration.json")
        let keys = Set(illustration["users"]?.arrayValue?.first?.objectValue?.keys.map { $0 } ?? [])
        #expect(keys.isSubset(of: Set(ada.objectValue?.keys.map { $0 } ?? [])))
    }

    @Test func pagesFollowTheirToken() async throws {
        let h = try GoogleHarness()
        let token = try h.token(GoogleHarness.grace, scopes: [GoogleHarness.directoryScope])
        var emails: [String] = []
        var pageToken: String?
        var pages = 0
        repeat {
            var query = [("customer", "my_customer"), ("maxResults", "3"), ("orderBy", "email")]
            if let pageToken { query.append(("pageToken", pageToken)) }
            let reply = await h.send(.get, GoogleHarness.url(Self.users, query), token: token)
            #expect(reply.status == 200)
            emails += reply.json["users"]?.arrayValue?.compactMap { $0["primaryEmail"]?.stringValue } ?? []
            pageToken = reply.json["nextPageToken"]?.stringValue
            pages += 1
        } while pageToken != nil && pages < 10
        #expect(pages == 2)
        #expect(emails.count == 4)
        #expect(Set(emails).count == 4)
        let byDomain = await h.send(.get, GoogleHarness.url(Self.users, [("domain", "fabrikam.example")]), token: token)
        #expect(byDomain.json["users"]?.arrayValue?.count == 4)
    }

    @Test func aSubjectThatIsNotAnAdminIs403AndTheScopeIsChecked() async throws {
        let h = try GoogleHarness()
        let notAdmin = try h.token(GoogleHarness.ada, scopes: [GoogleHarness.directoryScope])
        let refused = await h.send(.get, GoogleHarness.url(Self.users, [("customer", "my_customer")]), token: notAdmin)
        #expect(refused.status == 403)
        #expect(refused.json == (try GoogleHarness.fixture("error-403-directory-not-admin.json")))
        let calendarOnly = try h.token(GoogleHarness.grace)
        let scope = await h.send(.get, GoogleHarness.url(Self.users, [("customer", "my_customer")]), token: calendarOnly)
        #expect(scope.status == 403)
        #expect(scope.reason == "insufficientPermissions")
        let admin = try h.token(GoogleHarness.grace, scopes: [GoogleHarness.directoryScope])
        #expect(await h.send(.get, Self.users, token: admin).status == 400)
        #expect(await h.send(.get, GoogleHarness.url(Self.users, [("customer", "C999other")]), token: admin).status == 403)
        #expect(
            await h.send(.get, GoogleHarness.url(Self.users, [("customer", "my_customer"), ("maxResults", "501")]), token: admin)
                .status == 400)
    }

    @Test func throughTheTokenEndpointAsTheAdmin() async throws {
        let h = try GoogleHarness()
        let claims = h.claims(["sub": .string(GoogleHarness.grace), "scope": .string(GoogleHarness.directoryScope)])
        let token = try #require(await h.requestToken(try h.assertion(claims)).json["access_token"]?.stringValue)
        let reply = await h.send(.get, GoogleHarness.url(Self.users, [("customer", "my_customer")]), token: token)
        #expect(reply.json["users"]?.arrayValue?.count == 4)
    }
}
