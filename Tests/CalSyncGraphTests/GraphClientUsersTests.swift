import CalSyncCore
import CalSyncGraph
import CalSyncHTTP
import CalSyncTesting
import Foundation
import Testing

@Suite struct GraphClientUsersTests {
    static let secondLink =
        "https://graph.microsoft.com/v1.0/users?$select=id,displayName,mail,userPrincipalName,"
        + "proxyAddresses&$top=999&$skiptoken=RFNwdAIAAQAAACpVc2VyXzk2%2B6Z"
    static let thirdLink = "https://graph.microsoft.com/v1.0/users?$skiptoken=X%27Q2FyZQ%27"

    /// users-list.json with a nextLink added, so it is page one of three.
    static func firstPage() throws -> String {
        var object = try #require(
            try JSONSerialization.jsonObject(with: Fixtures.data("graph/users-list.json")) as? [String: Any])
        object["@odata.nextLink"] = secondLink
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func allPagesAreFollowedVerbatim() async throws {
        let transport = ScriptedTransport(graph: [
            .json(200, try Self.firstPage()),
            .json(200, #"{"value":[],"@odata.nextLink":"\#(Self.thirdLink)"}"#),
            .json(
                200,
                #"""
                {"value":[{"id":"u-3","displayName":"Jane Doe","mail":"jane.doe@contoso.com",
                "userPrincipalName":"jdoe@contoso.onmicrosoft.com","proxyAddresses":["SMTP:jane.doe@contoso.com",
                "smtp:jd@contoso.com"],"jobTitle":"Trainer"}]}
                """#),
        ])
        let users = try await TestIntegration.client(transport).directoryUsers()

        #expect(users.map(\.id) == ["6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0", "4562bcc8-c436-4f95-b7c0-4f8ce89dca5e", "u-3"])
        #expect(
            users[0]
                == DirectoryUser(
                    id: "6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0", displayName: "Conf Room Adams", mail: "Adams@contoso.com",
                    userPrincipalName: "Adams@contoso.com", proxyAddresses: []))
        #expect(users[1].mail == nil)
        #expect(users[2].proxyAddresses == ["SMTP:jane.doe@contoso.com", "smtp:jd@contoso.com"])

        let urls = transport.graphRequests.map(\.url.absoluteString)
        #expect(
            urls == [
                "https://graph.microsoft.com/v1.0/users?$select=id,displayName,mail,userPrincipalName,proxyAddresses&$top=999",
                Self.secondLink, Self.thirdLink,
            ])
    }

    @Test func aUserWithoutAnIdIsRejected() async throws {
        let transport = ScriptedTransport(graph: [.json(200, #"{"value":[{"displayName":"No Id"}]}"#)])
        let client = try TestIntegration.client(transport)
        let error = await calendarError { _ = try await client.directoryUsers() }
        #expect(error?.providerCode == "InvalidResponse")
        #expect(error?.message.contains("id") == true)
    }

    @Test func aForeignNextLinkIsNotFollowed() async throws {
        let transport = ScriptedTransport(graph: [
            .json(200, #"{"value":[],"@odata.nextLink":"https://evil.example/v1.0/users?$skiptoken=x"}"#)
        ])
        let client = try TestIntegration.client(transport)
        let error = await calendarError { _ = try await client.directoryUsers() }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.message.contains("evil.example") == true)
        #expect(transport.graphRequests.count == 1)
    }

    @Test func aRepeatingNextLinkStops() async throws {
        let page = #"{"value":[],"@odata.nextLink":"\#(Self.thirdLink)"}"#
        let transport = ScriptedTransport(graph: [.json(200, page), .json(200, page)])
        let client = try TestIntegration.client(transport)
        let error = await calendarError { _ = try await client.directoryUsers() }
        #expect(error?.providerCode == "InvalidResponse")
        #expect(transport.graphRequests.count == 2)
    }

    @Test func directoryPermissionMissing() async throws {
        let body =
            #"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}"#
        let transport = ScriptedTransport(graph: [.json(403, body)])
        let client = try TestIntegration.client(transport)
        let error = await calendarError { _ = try await client.directoryUsers() }
        #expect(error?.kind == .permissionMissing)
        #expect(error?.providerCode == "Authorization_RequestDenied")
    }
}
