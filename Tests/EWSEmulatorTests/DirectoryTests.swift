import Foundation
import Testing

@testable import EWSEmulator

/// ResolveNames and GetFolder (docs/exchange.md, "ResolveNames", "GetFolder").
@Suite struct DirectoryTests {
    func resolve(_ entry: String, full: Bool = false) -> String {
        #"<m:ResolveNames ReturnFullContactData="\#(full)" SearchScope="ActiveDirectory"><m:UnresolvedEntry>\#(entry)</m:UnresolvedEntry></m:ResolveNames>"#
    }

    @Test func resolvesProxyAddressesInAnyCaseToThePrimary() async throws {
        let h = try EWSHarness()
        for entry in ["smtp:jdoe@contoso.example", "SMTP:JANE@CONTOSO.EXAMPLE", "jane.doe@contoso.example", "Jane Doe"] {
            let reply = await h.soap(resolve(entry), impersonate: nil)
            #expect(reply.codes == ["NoError"], "\(entry)")
            #expect(reply.first("ResolutionSet")?.attributes["TotalItemsInView"] == "1")
            #expect(reply.first("EmailAddress")?.value == EWSHarness.jane)
            #expect(reply.first("Name")?.value == "Jane Doe")
            #expect(reply.first("RoutingType")?.value == "SMTP")
        }
    }

    @Test func withoutAPrefixOnlyThePrimaryAddressMatches() async throws {
        let h = try EWSHarness()
        #expect(await h.soap(resolve("jdoe@contoso.example"), impersonate: nil).codes == ["ErrorNameResolutionNoResults"])
    }

    @Test func severalMatchesAreAWarningWithTheResolutions() async throws {
        let h = try EWSHarness()
        // "smtp:b" starts two of Ben's addresses: still one mailbox.
        #expect(await h.soap(resolve("smtp:b"), impersonate: nil).codes == ["NoError"])
        #expect(await h.soap(resolve("smtp:"), impersonate: nil).codes == ["ErrorNameResolutionNoResults"])
        // "c" starts Chloé's address and the display name "CalSync Service".
        let two = await h.soap(resolve("c"), impersonate: nil)
        #expect(two.codes == ["ErrorNameResolutionMultipleResults"])
        #expect(two.messages.first?.attributes["ResponseClass"] == "Warning")
        #expect(two.first("ResolutionSet")?.attributes["TotalItemsInView"] == "2")
        #expect(Set(two.all("EmailAddress").map(\.value)) == ["chloe.martin@contoso.example", "svc-calsync@contoso.example"])
    }

    @Test func noResultsAndNoMailbox() async throws {
        let h = try EWSHarness()
        let none = await h.soap(resolve("smtp:nobody@contoso.example"), impersonate: nil)
        #expect(none.status == 200)
        #expect(none.codes == ["ErrorNameResolutionNoResults"])
        #expect(none.messages.first?.message("MessageText")?.value == "No results were found.")
        let noMailbox = await h.soap(
            resolve("smtp:jane@contoso.example"), impersonate: nil,
            authorization: EWSHarness.basic(#"CONTOSO\svc-scoped"#, "Scoped-Demo-2026!"))
        #expect(noMailbox.codes == ["ErrorNameResolutionNoMailbox"])
        // With impersonation (accepted by default, UNCONFIRMED) it runs as the impersonated user, who has a mailbox.
        let impersonated = await h.soap(
            resolve("smtp:jane@contoso.example"), authorization: EWSHarness.basic(#"CONTOSO\svc-scoped"#, "Scoped-Demo-2026!"))
        #expect(impersonated.codes == ["NoError"])
    }

    @Test func fullContactData() async throws {
        let h = try EWSHarness()
        let reply = await h.soap(resolve("smtp:jane.doe@contoso.example", full: true), impersonate: nil)
        #expect(reply.first("ContactSource")?.value == "ActiveDirectory")
        #expect(
            reply.all("Entry").map(\.value) == [
                "SMTP:jane.doe@contoso.example", "smtp:jdoe@contoso.example", "smtp:jane@contoso.example",
            ])
    }

    @Test func getFolderRootAndCalendarWithTheirProperties() async throws {
        let h = try EWSHarness()
        let body = """
            <m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>
            <t:FieldURI FieldURI="folder:DisplayName"/><t:FieldURI FieldURI="folder:FolderClass"/>
            <t:FieldURI FieldURI="folder:TotalCount"/><t:FieldURI FieldURI="folder:ParentFolderId"/>
            <t:FieldURI FieldURI="folder:DistinguishedFolderId"/></t:AdditionalProperties></m:FolderShape>
            <m:FolderIds><t:DistinguishedFolderId Id="root"><t:Mailbox><t:EmailAddress>jane.doe@contoso.example</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>
            <t:DistinguishedFolderId Id="calendar"><t:Mailbox><t:EmailAddress>jane.doe@contoso.example</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>
            <t:DistinguishedFolderId Id="archiveroot"/></m:FolderIds></m:GetFolder>
            """
        let reply = await h.soap(body)
        #expect(reply.codes == ["NoError", "NoError", "ErrorFolderNotFound"])
        let calendar = try #require(reply.first("CalendarFolder"))
        #expect(calendar.type("FolderClass")?.value == "IPF.Appointment")
        #expect(calendar.type("DisplayName")?.value == "Calendar")
        #expect(calendar.type("TotalCount")?.value == String(h.emulator.items(mailbox: EWSHarness.jane).count))
        #expect(calendar.type("DistinguishedFolderId")?.value == "calendar")
        #expect(reply.first("Folder")?.type("ParentFolderId") == nil)
        // The calendar's FolderId works where a DistinguishedFolderId does.
        let id = try #require(calendar.type("FolderId")?.attributes["Id"])
        let again = await h.soap(
            #"<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:FolderIds><t:FolderId Id="\#(id)"/></m:FolderIds></m:GetFolder>"#
        )
        #expect(again.codes == ["NoError"])
        #expect(
            await h.soap(
                #"<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="nonsense"/></m:FolderIds></m:GetFolder>"#
            ).faultCode == "ErrorSchemaValidation")
    }

    @Test func convertIdAsExchangelibProbes() async throws {
        let h = try EWSHarness()
        let probe =
            #"<m:ConvertId DestinationFormat="EntryId"><m:SourceIds><t:AlternateId Id="DUMMY" Format="EwsId" Mailbox="DUMMY"/></m:SourceIds></m:ConvertId>"#
        let reply = await h.soap(probe, version: "Exchange2016", impersonate: nil)
        #expect(reply.codes == ["ErrorInvalidSmtpAddress"])
        #expect(reply.first("ServerVersionInfo") != nil)
        let id = try #require(h.emulator.items(mailbox: EWSHarness.jane).first?["id"]?.stringValue)
        let hex = await h.soap(
            #"<m:ConvertId DestinationFormat="HexEntryId"><m:SourceIds><t:AlternateId Id="\#(id)" Format="EwsId" Mailbox="jane.doe@contoso.example"/></m:SourceIds></m:ConvertId>"#,
            impersonate: nil)
        let converted = try #require(hex.first("AlternateId")?.attributes["Id"])
        let back = await h.soap(
            #"<m:ConvertId DestinationFormat="EwsId"><m:SourceIds><t:AlternateId Id="\#(converted)" Format="HexEntryId" Mailbox="jane.doe@contoso.example"/></m:SourceIds></m:ConvertId>"#,
            impersonate: nil)
        #expect(back.first("AlternateId")?.attributes["Id"] == id)
    }

    @Test func serverTimeZonesWithTheirRules() async throws {
        let h = try EWSHarness()
        let reply = await h.soap(
            #"<m:GetServerTimeZones><m:Ids><t:Id>Romance Standard Time</t:Id><t:Id>UTC</t:Id></m:Ids></m:GetServerTimeZones>"#,
            impersonate: nil)
        #expect(reply.codes == ["NoError"])
        let definitions = reply.all("TimeZoneDefinition")
        #expect(definitions.map { $0.attributes["Id"] } == ["Romance Standard Time", "UTC"])
        #expect(definitions[0].attributes["Name"] == "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris")
        let periods = definitions[0].type("Periods")?.types("Period") ?? []
        #expect(periods.map { $0.attributes["Bias"] } == ["-PT60M", "-PT120M"])
        let transitions =
            definitions[0].type("TransitionsGroups")?.type("TransitionsGroup")?.types("RecurringDayTransition") ?? []
        #expect(transitions.map { $0.type("Month")?.value } == ["3", "10"])
        #expect(transitions.map { $0.type("Occurrence")?.value } == ["-1", "-1"])
        #expect(transitions.map { $0.type("TimeOffset")?.value } == ["PT120M", "PT180M"])
        #expect(
            await h.soap(
                #"<m:GetServerTimeZones><m:Ids><t:Id>Europe/Paris</t:Id></m:Ids></m:GetServerTimeZones>"#, impersonate: nil
            ).codes == ["ErrorInvalidRequest"])
    }
}
