import CalSyncHTTP
import Foundation
import Testing

@testable import EWSEmulator

/// The SOAP layer (docs/exchange.md, "Envelope" and "Errors"): what a request must look like, and how a whole-request
/// error comes back (SOAP fault, HTTP 500) next to a per-item one (ResponseMessage, HTTP 200).
@Suite struct EnvelopeTests {
    let getCalendar =
        #"<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="calendar"/></m:FolderIds></m:GetFolder>"#

    @Test func everyAnswerCarriesServerVersionInfo() async throws {
        let h = try EWSHarness()
        let reply = await h.soap(getCalendar)
        #expect(reply.status == 200)
        #expect(reply.response.headers["Content-Type"] == "text/xml; charset=utf-8")
        let info = try #require(reply.first("ServerVersionInfo"))
        #expect(info.namespace == EWSNamespace.types)
        #expect(info.attributes["MajorVersion"] == "15" && info.attributes["MinorVersion"] == "2")
        #expect(info.attributes["Version"] == "V2017_07_11")
        let fault = await h.soap("<m:Nope/>")
        #expect(fault.first("ServerVersionInfo") != nil)
    }

    @Test func anyPrefixesAreRead() async throws {
        let h = try EWSHarness()
        let body = """
            <?xml version="1.0" encoding="utf-8"?>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:x="http://schemas.microsoft.com/exchange/services/2006/types">
            <soap:Header><x:RequestServerVersion Version="Exchange2016"/></soap:Header>
            <soap:Body><GetFolder xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><FolderShape><x:BaseShape>IdOnly</x:BaseShape></FolderShape>
            <FolderIds><x:DistinguishedFolderId Id="calendar"><x:Mailbox><x:EmailAddress>svc-calsync@contoso.example</x:EmailAddress></x:Mailbox></x:DistinguishedFolderId></FolderIds></GetFolder></soap:Body>
            </soap:Envelope>
            """
        let reply = await h.soap(body, impersonate: nil)
        #expect(reply.codes == ["NoError"])
        #expect(reply.first("CalendarFolder") != nil)
    }

    @Test func malformedXMLIsASchemaFaultWithItsPosition() async throws {
        let h = try EWSHarness()
        let reply = await h.post(
            Data("<s:Envelope><s:Body>\n<oops></s:Body>".utf8), headers: ["Authorization": EWSHarness.basic()])
        #expect(reply.status == 500)
        #expect(reply.faultCode == "ErrorSchemaValidation")
        #expect(reply.first("faultcode")?.value == "a:ErrorSchemaValidation")
        #expect(reply.first("LineNumber") != nil && reply.first("LinePosition") != nil)
    }

    @Test func aDocumentTypeDeclarationIsRefused() async throws {
        let h = try EWSHarness()
        let body =
            #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>"#
        let reply = await h.post(Data(body.utf8), headers: ["Authorization": EWSHarness.basic()])
        #expect(reply.status == 500)
        #expect(reply.faultCode == "ErrorSchemaValidation")
    }

    @Test func theOperationIsTheBodysFirstElement() async throws {
        let h = try EWSHarness()
        let unknown = await h.soap("<m:GetUserAvailabilityRequest/>")
        #expect(unknown.status == 500)
        #expect(unknown.faultCode == "ErrorInvalidRequest")
        let empty = await h.soap("")
        #expect(empty.faultCode == "ErrorSchemaValidation")
    }

    @Test func requestServerVersions() async throws {
        let h = try EWSHarness()
        for accepted in ["Exchange2010_SP2", "Exchange2013_SP1", "Exchange2016", "V2017_07_11"] {
            #expect(await h.soap(getCalendar, version: accepted).codes == ["NoError"], "\(accepted)")
        }
        // OBS: Exchange 2019 refuses its own name with ErrorInvalidRequest (and accepts Exchange2016).
        let refused = await h.soap(getCalendar, version: "Exchange2019")
        #expect(refused.status == 500 && refused.faultCode == "ErrorInvalidRequest")
        #expect(await h.soap(getCalendar, version: "Exchange2099").faultCode == "ErrorInvalidServerVersion")
    }

    @Test func aTimeZoneContextNeedsAWindowsId() async throws {
        let h = try EWSHarness()
        #expect(await h.soap(getCalendar, timeZone: "Romance Standard Time").codes == ["NoError"])
        #expect(await h.soap(getCalendar, timeZone: "Europe/Paris").faultCode == "ErrorTimeZone")
        #expect(await h.soap(getCalendar, version: "Exchange2007_SP1", timeZone: "UTC").codes == ["NoError"])
    }

    @Test func onlyPostOnTheEndpoint() async throws {
        let h = try EWSHarness()
        let get = await h.emulator.respond(
            to: HTTPRequest(method: .get, target: "/EWS/Exchange.asmx", headers: ["Authorization": EWSHarness.basic()]))
        #expect(get.status == 405 && get.headers["Allow"] == "POST")
        let lower = await h.post(
            Data(EWSHarness.envelope(getCalendar).utf8),
            headers: ["Authorization": EWSHarness.basic(), "X-AnchorMailbox": EWSHarness.jane], path: "/ews/exchange.asmx")
        #expect(lower.status == 200)
        let elsewhere = await h.post(Data(), headers: ["Authorization": EWSHarness.basic()], path: "/EWS/Other.asmx")
        #expect(elsewhere.status == 404)
    }

    @Test func basicLogonForms() async throws {
        let h = try EWSHarness()
        for user in [#"CONTOSO\svc-calsync"#, #"contoso.example\SVC-CALSYNC"#, "svc-calsync@contoso.example", "svc-calsync"] {
            #expect(await h.soap(getCalendar, authorization: EWSHarness.basic(user)).status == 200, "\(user)")
        }
        let wrong = await h.soap(getCalendar, authorization: EWSHarness.basic(#"CONTOSO\svc-calsync"#, "calsync-demo-2026!"))
        #expect(wrong.status == 401)
        #expect(wrong.response.headers.values("WWW-Authenticate") == ["NTLM", #"Basic realm="ex01.contoso.example""#])
        #expect(await h.soap(getCalendar, authorization: EWSHarness.basic(#"OTHER\svc-calsync"#)).status == 401)
        #expect(await h.soap(getCalendar, authorization: nil).status == 401)
        let stats = h.emulator.stats()
        #expect(stats.accounts["svc-calsync"]?.failedLogons == 1)
        #expect(stats.unknownAccountLogons == 1)
    }

    @Test func basicCanBeSwitchedOff() async throws {
        var configuration = EWSConfiguration()
        configuration.acceptsBasic = false
        let h = try EWSHarness(configuration: configuration)
        let reply = await h.soap(getCalendar)
        #expect(reply.status == 401)
        #expect(reply.response.headers.values("WWW-Authenticate") == ["NTLM"])
    }

    @Test func lockoutAfterTheThresholdAndUntilUnlocked() async throws {
        let h = try EWSHarness()
        let wrong = EWSHarness.basic(#"CONTOSO\svc-calsync"#, "guess")
        for _ in 0..<4 { _ = await h.soap(getCalendar, authorization: wrong) }
        #expect(h.emulator.stats().accounts["svc-calsync"]?.lockedOut == false)
        _ = await h.soap(getCalendar, authorization: wrong)
        let stats = try #require(h.emulator.stats().accounts["svc-calsync"])
        #expect(stats.lockedOut && stats.lockouts == 1 && stats.failedLogons == 5)
        #expect(await h.soap(getCalendar).status == 401)
        #expect(h.emulator.stats().accounts["svc-calsync"]?.logonsWhileLockedOut == 1)
        try h.emulator.updateAccount("CONTOSO\\svc-calsync", unlock: true)
        #expect(await h.soap(getCalendar).status == 200)
    }

    @Test func aLockoutWithADurationEndsByItself() async throws {
        let h = try EWSHarness { $0.accountLockoutDurationSeconds = 600 }
        let wrong = EWSHarness.basic(#"CONTOSO\svc-calsync"#, "guess")
        for _ in 0..<5 { _ = await h.soap(getCalendar, authorization: wrong) }
        #expect(await h.soap(getCalendar).status == 401)
        h.clock.advance(by: 601)
        #expect(await h.soap(getCalendar).status == 200)
    }
}
