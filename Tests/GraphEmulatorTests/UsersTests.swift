import Foundation
import GraphEmulator
import Testing

@Suite struct UsersTests {
    @Test func pagesWithTopFollowingOpaqueNextLinks() async throws {
        let h = try EmulatorHarness()
        var reply = await h.get("/v1.0/users?$top=2")
        #expect(reply.json["@odata.context"] == "http://graph.test:8080/v1.0/$metadata#users")
        var ids: [String] = []
        var pages = 0
        while true {
            pages += 1
            #expect(reply.status == 200)
            #expect(reply.value.count <= 2)
            ids += reply.value.compactMap { $0["id"]?.stringValue }
            guard let next = reply.json["@odata.nextLink"]?.stringValue else { break }
            #expect(next.hasPrefix("http://graph.test:8080/v1.0/users?"))
            #expect(next.contains("$skiptoken="))
            reply = await h.follow(next)
        }
        #expect(pages == 3)
        #expect(ids.count == 6)
        #expect(Set(ids).count == 6)
    }

    @Test func defaultPropertiesOmitProxyAddressesUnlessSelected() async throws {
        let h = try EmulatorHarness()
        let plain = await h.get("/v1.0/users")
        let first = try #require(plain.value.first)
        #expect(first["proxyAddresses"] == nil)
        #expect(first["businessPhones"] == [])
        #expect(first["userPrincipalName"] != nil)
        let selected = await h.get("/v1.0/users?$select=id,mail,userPrincipalName,proxyAddresses")
        #expect(
            selected.json["@odata.context"]
                == "http://graph.test:8080/v1.0/$metadata#users(id,mail,userPrincipalName,proxyAddresses)")
        let jane = try #require(selected.value.first { $0["id"] == .string(EmulatorHarness.jane) })
        #expect(jane["proxyAddresses"] == ["SMTP:jane.doe@contoso.example", "smtp:jdoe@contoso.example"])
        #expect(jane["displayName"] == nil)
        let carol = try #require(selected.value.first { $0["id"] == .string(EmulatorHarness.carol) })
        #expect(carol["mail"] == .null)
    }

    func filter(_ h: EmulatorHarness, _ expression: String) async -> EmulatorHarness.Reply {
        await h.get("/v1.0/users?$select=id&$filter=" + EmulatorHarness.encode(expression))
    }

    func ids(_ reply: EmulatorHarness.Reply) -> Set<String> { Set(reply.value.compactMap { $0["id"]?.stringValue }) }

    @Test func filterForms() async throws {
        let h = try EmulatorHarness()
        #expect(ids(await filter(h, "mail eq 'JANE.DOE@contoso.example'")) == [EmulatorHarness.jane])
        #expect(ids(await filter(h, "userPrincipalName eq 'carol.nguyen@contoso.example'")) == [EmulatorHarness.carol])
        #expect(ids(await filter(h, "mail eq 'carol.nguyen@contoso.example'")).isEmpty)
        #expect(ids(await filter(h, "proxyAddresses/any(x:x eq 'smtp:training-dan@contoso.example')")) == [EmulatorHarness.dan])
        #expect(ids(await filter(h, "proxyAddresses/any(p: p eq 'SMTP:training-dan@contoso.example')")) == [EmulatorHarness.dan])
        let combined =
            "userPrincipalName eq 'jdoe@contoso.example' or mail eq 'jdoe@contoso.example' or proxyAddresses/any(x:x eq 'smtp:jdoe@contoso.example')"
        #expect(ids(await filter(h, combined)) == [EmulatorHarness.jane])
        #expect(ids(await filter(h, "mail eq 'bob.smith@contoso.example' or mail eq 'erin.lee@contoso.example'")).count == 2)
        #expect(ids(await filter(h, "mail eq null")) == [EmulatorHarness.carol])
    }

    @Test func proxyPrefixCaseSensitivityIsConfigurable() async throws {
        var configuration = EmulatorConfiguration()
        configuration.proxyAddressPrefixCaseSensitive = true
        let h = try EmulatorHarness(configuration: configuration)
        #expect(ids(await filter(h, "proxyAddresses/any(x:x eq 'SMTP:training-dan@contoso.example')")).isEmpty)
        #expect(ids(await filter(h, "proxyAddresses/any(x:x eq 'smtp:TRAINING-dan@contoso.example')")) == [EmulatorHarness.dan])
    }

    @Test func rejectsWhatGraphRejects() async throws {
        let h = try EmulatorHarness()
        let unsupported = await filter(h, "startswith(displayName,'J')")
        #expect(unsupported.status == 400)
        #expect(unsupported.errorCode == "Request_UnsupportedQuery")
        #expect((await filter(h, "displayName eq 'Jane Doe'")).errorCode == "Request_UnsupportedQuery")
        #expect(await h.get("/v1.0/users?$top=1000").status == 400)
        #expect(await h.get("/v1.0/users?$top=0").status == 400)
        #expect(await h.get("/v1.0/users?$top=999").status == 200)
        #expect(await h.get("/v1.0/users?$skip=2").status == 400)
        #expect(await h.get("/v1.0/users?$select=mailboxSettings").status == 501)
        #expect(await h.get("/v1.0/users?$skiptoken=garbage").errorCode == "Directory_ExpiredPageToken")
    }

    @Test func singleUserByIdOrUPN() async throws {
        let h = try EmulatorHarness()
        let byUPN = await h.get("/users/JANE.DOE@contoso.example")
        #expect(byUPN.status == 200)
        #expect(byUPN.json["id"] == .string(EmulatorHarness.jane))
        let missing = await h.get("/v1.0/users/nobody@contoso.example")
        #expect(missing.status == 404)
        #expect(missing.errorCode == "Request_ResourceNotFound")
    }

    @Test func mailboxSettingsCarryTheConfiguredZoneAndWorkingHours() async throws {
        let h = try EmulatorHarness()
        let jane = await h.get("/v1.0/users/\(EmulatorHarness.jane)/mailboxSettings")
        #expect(jane.status == 200)
        #expect(jane.json["timeZone"] == "W. Europe Standard Time")
        #expect(jane.json["workingHours"]?["timeZone"]?["name"] == "W. Europe Standard Time")
        #expect(jane.json["workingHours"]?["startTime"] == "08:00:00.0000000")
        let bob = await h.get("/v1.0/users/bob.smith@contoso.example/mailboxSettings")
        #expect(bob.json["workingHours"]?["daysOfWeek"]?.arrayValue?.count == 4)
        let dan = await h.get("/v1.0/users/\(EmulatorHarness.dan)/mailboxSettings/timeZone")
        #expect(dan.json["value"] == "Europe/Paris")
        let unknown = await h.get("/v1.0/users/ghost@contoso.example/mailboxSettings")
        #expect(unknown.status == 404)
        #expect(unknown.errorCode == "ErrorInvalidUser")
        let frank = await h.get("/v1.0/users/frank@contoso.example/calendarView?startDateTime=2025-03-01&endDateTime=2025-03-02")
        #expect(frank.status == 404)
        #expect(frank.errorCode == "MailboxNotEnabledForRESTAPI")
    }
}
