import Foundation
import Testing

@testable import EWSEmulator

/// ApplicationImpersonation (docs/exchange.md, "Impersonation"): the role, its scope, the four ways to name a user.
@Suite struct ImpersonationTests {
    let getCalendar =
        #"<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="calendar"/></m:FolderIds></m:GetFolder>"#

    @Test func theFourFormsOfConnectingSID() async throws {
        let h = try EWSHarness()
        let forms = [
            ("PrimarySmtpAddress", "Jane.Doe@Contoso.Example"), ("SmtpAddress", "jdoe@contoso.example"),
            ("PrincipalName", "jane.doe@contoso.example"), ("SID", "S-1-5-21-3623811015-3361044348-30300820-1013"),
        ]
        for (kind, value) in forms {
            let reply = await h.soap(getCalendar, impersonate: value, kind: kind, anchor: EWSHarness.jane)
            #expect(reply.codes == ["NoError"], "\(kind)")
            let id = try #require(reply.first("FolderId")?.attributes["Id"])
            #expect(FolderRef.parse(id: id)?.address == EWSHarness.jane)
        }
    }

    @Test func anAccountWithoutTheRoleIsDeniedAsAFault() async throws {
        let h = try EWSHarness()
        let reply = await h.soap(getCalendar, authorization: EWSHarness.basic(#"CONTOSO\svc-norole"#, "NoRole-Demo-2026!"))
        #expect(reply.status == 500)
        #expect(reply.faultCode == "ErrorImpersonateUserDenied")
        #expect(reply.first("faultstring")?.value == "The account does not have permission to impersonate the requested user.")
    }

    @Test func theScopeLimitsWhomAnAccountMayImpersonate() async throws {
        let h = try EWSHarness()
        let scoped = EWSHarness.basic(#"CONTOSO\svc-scoped"#, "Scoped-Demo-2026!")
        #expect(await h.soap(getCalendar, authorization: scoped).codes == ["NoError"])
        #expect(
            await h.soap(getCalendar, impersonate: EWSHarness.ben, authorization: scoped).faultCode
                == "ErrorImpersonateUserDenied")
        try h.emulator.updateAccount("svc-scoped", impersonationScope: .some(nil))
        #expect(await h.soap(getCalendar, authorization: scoped).faultCode == "ErrorImpersonateUserDenied")
    }

    @Test func unknownAndSecondaryAddresses() async throws {
        let h = try EWSHarness()
        let unknown = await h.soap(getCalendar, impersonate: "nobody@contoso.example")
        #expect(unknown.status == 500 && unknown.faultCode == "ErrorNonExistentMailbox")
        let alias = await h.soap(getCalendar, impersonate: "jdoe@contoso.example")
        #expect(alias.faultCode == "ErrorNonPrimarySmtpAddress")
        #expect(alias.messageValue("Primary") == EWSHarness.jane)
        #expect(await h.soap(getCalendar, impersonate: "").faultCode == "ErrorInvalidExchangeImpersonationHeaderData")
    }

    @Test func nonExistentMailboxAsPerItemErrorsWhenConfigured() async throws {
        var configuration = EWSConfiguration()
        configuration.nonExistentMailboxShape = .responseMessage
        let h = try EWSHarness(configuration: configuration)
        let body =
            #"<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="AAMkADAA"/><t:ItemId Id="AAMkADAB"/></m:ItemIds></m:GetItem>"#
        let reply = await h.soap(body, impersonate: "nobody@contoso.example")
        #expect(reply.status == 200)
        #expect(reply.codes == ["ErrorNonExistentMailbox", "ErrorNonExistentMailbox"])
        #expect(reply.messages.allSatisfy { $0.attributes["ResponseClass"] == "Error" })
    }

    @Test func anchorMailboxIsCountedAndCanBeRequired() async throws {
        let h = try EWSHarness()
        _ = await h.soap(getCalendar)
        _ = await h.soap(getCalendar, anchor: EWSHarness.ben)
        let body = EWSHarness.envelope(getCalendar)
        _ = await h.post(Data(body.utf8), headers: ["Authorization": EWSHarness.basic()])
        let stats = try #require(h.emulator.stats().accounts["svc-calsync"])
        #expect(stats.missingAnchorMailbox == 1 && stats.mismatchedAnchorMailbox == 1)
        var configuration = EWSConfiguration()
        configuration.missingAnchorMailboxStatus = 503
        let strict = try EWSHarness(configuration: configuration)
        let refused = await strict.post(Data(body.utf8), headers: ["Authorization": EWSHarness.basic()])
        #expect(refused.status == 503)
    }

    @Test func withoutImpersonationTheAccountsOwnMailbox() async throws {
        let h = try EWSHarness()
        let own = await h.soap(getCalendar, impersonate: nil)
        #expect(own.codes == ["NoError"])
        #expect(FolderRef.parse(id: own.first("FolderId")?.attributes["Id"] ?? "")?.address == "svc-calsync@contoso.example")
        let noMailbox = await h.soap(
            getCalendar, impersonate: nil, authorization: EWSHarness.basic(#"CONTOSO\svc-scoped"#, "Scoped-Demo-2026!"))
        #expect(noMailbox.codes == ["ErrorMissingEmailAddress"])
        let delegate =
            #"<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="calendar"><t:Mailbox><t:EmailAddress>jane.doe@contoso.example</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId></m:FolderIds></m:GetFolder>"#
        #expect(await h.soap(delegate, impersonate: nil).codes == ["ErrorAccessDenied"])
    }
}
