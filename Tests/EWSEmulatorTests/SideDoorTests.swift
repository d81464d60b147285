import CalSyncHTTP
import Foundation
import Testing

@testable import EWSEmulator

/// The side door (`/_emulator/`): acting as the people and the administrator would, and reading what happened.
@Suite struct SideDoorTests {
    @Test func addMoveAndDeleteItemsAsThePersonWould() async throws {
        let h = try EWSHarness()
        let added = await h.side(
            .post, "mailboxes/jane.doe@contoso.example/items",
            #"{"subject":"Gym","start":"D+1T18:00","end":"D+1T19:00","legacyFreeBusyStatus":"Busy"}"#)
        #expect(added.status == 201)
        #expect(added.json["start"] == "2026-03-03T17:00:00Z" && added.json["startTimeZone"] == "Romance Standard Time")
        let id = try #require(added.json["id"]?.stringValue)
        let encoded = id.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let moved = await h.side(
            .patch, "mailboxes/jane.doe@contoso.example/items/\(encoded)",
            #"{"start":"2026-03-03T19:00:00+01:00","end":"2026-03-03T20:00:00+01:00"}"#)
        #expect(moved.status == 200 && moved.json["start"] == "2026-03-03T18:00:00Z")
        #expect(moved.json["changeKey"] != added.json["changeKey"])
        #expect(await h.side(.delete, "mailboxes/jane.doe@contoso.example/items/\(encoded)").status == 204)
        #expect(await h.side(.delete, "mailboxes/jane.doe@contoso.example/items/\(encoded)").status == 404)
        let bad = await h.side(
            .post, "mailboxes/jane.doe@contoso.example/items", #"{"subject":"x","start":"tomorrow","end":"D+1"}"#)
        #expect(bad.status == 400 && bad.json["error"]?["message"]?.stringValue?.contains("tomorrow") == true)
        #expect(await h.side(.get, "mailboxes/nobody@contoso.example/items").json == [])
        #expect(await h.side(.post, "mailboxes/nobody@contoso.example/items", #"{"start":"D","end":"D+1"}"#).status == 404)
    }

    @Test func accountsChangedAsAnAdministratorWould() async throws {
        let h = try EWSHarness()
        let accounts = await h.side(.get, "accounts")
        #expect(accounts.json.arrayValue?.count == 3)
        #expect(!accounts.text.contains("Demo-2026"))
        #expect(await h.side(.patch, "accounts/svc-calsync", #"{"password":"Next-2027!"}"#).status == 204)
        let getCalendar =
            #"<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="calendar"/></m:FolderIds></m:GetFolder>"#
        #expect(await h.soap(getCalendar).status == 401)
        #expect(await h.soap(getCalendar, authorization: EWSHarness.basic(#"CONTOSO\svc-calsync"#, "Next-2027!")).status == 200)
        #expect(
            await h.side(.patch, "accounts/svc-calsync", #"{"impersonationScope":["ben.smith@contoso.example"]}"#).status == 204)
        #expect(
            await h.soap(getCalendar, authorization: EWSHarness.basic(#"CONTOSO\svc-calsync"#, "Next-2027!")).faultCode
                == "ErrorImpersonateUserDenied")
        #expect(await h.side(.patch, "accounts/svc-calsync", #"{"pasword":"x"}"#).status == 400)
        #expect(await h.side(.patch, "accounts/nobody", #"{"unlock":true}"#).status == 404)
    }

    @Test func statsAndTheirReset() async throws {
        let h = try EWSHarness()
        let resolve =
            #"<m:ResolveNames ReturnFullContactData="false"><m:UnresolvedEntry>smtp:jane@contoso.example</m:UnresolvedEntry></m:ResolveNames>"#
        _ = await h.soap(resolve, impersonate: nil)
        _ = await h.soap(resolve, impersonate: nil, authorization: nil)
        let stats = await h.side(.get, "stats")
        #expect(stats.json["accounts"]?["svc-calsync"]?["requests"] == 1)
        #expect(stats.json["accounts"]?["svc-calsync"]?["operations"]?["ResolveNames"] == 1)
        #expect(stats.json["unauthorized"] == 1)
        #expect(stats.json["responses"]?["ResolveNames 200"] == 1)
        #expect(await h.side(.post, "stats/reset").status == 204)
        #expect(await h.side(.get, "stats").json["accounts"]?["svc-calsync"]?["requests"] == 0)
        #expect(await h.side(.get, "nothing").status == 404)
    }

    @Test func tenantItemsRelativeToTodayAndIssuesReported() throws {
        let h = try EWSHarness(now: "2026-07-15T10:00:00Z")
        #expect(h.emulator.tenantIssues.isEmpty)
        // Paris is UTC+2 in July: the Dentist (D+0 14:00 local) is at 12:00Z on the emulator's today.
        #expect(h.stored()["Dentist"]?["start"] == "2026-07-15T12:00:00Z")
        let broken = try EWSHarness {
            $0.mailboxes[0].items?.append(EWSTenantItem(subject: "Broken", start: "someday", end: "D+1"))
        }
        #expect(broken.emulator.tenantIssues.count == 1)
        #expect(broken.emulator.tenantIssues[0].contains("jane.doe@contoso.example item #7"))
        #expect(broken.stored()["Broken"] == nil)
    }
}
