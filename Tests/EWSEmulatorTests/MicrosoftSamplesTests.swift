import CalSyncHTTP
import Foundation
import Testing

@testable import EWSEmulator

/// The emulator against Microsoft's own examples and exchangelib's real requests (`fixtures/ews/`): each request is
/// accepted (the addresses and ids made to fit the tenant), and each answer has at least the elements and attributes
/// of Microsoft's sample answer to the same request.
@Suite struct MicrosoftSamplesTests {
    /// Sends a fixture request, its placeholders replaced.
    func send(_ h: EWSHarness, _ name: String, _ replacements: [(String, String)] = [], impersonate: String? = nil) async throws
        -> EWSReply
    {
        var body = try EWSSample.text(name)
        for (from, to) in replacements { body = body.replacingOccurrences(of: from, with: to) }
        var headers: HTTPHeaders = ["Authorization": EWSHarness.basic(), "Content-Type": "text/xml; charset=utf-8"]
        if let impersonate { headers["X-AnchorMailbox"] = impersonate }
        return await h.post(Data(body.utf8), headers: headers)
    }

    /// Microsoft's sample answer's shape is contained in ours (after renaming what differs by item type).
    func expectShape(_ reply: EWSReply, like sample: String, renaming: [(String, String)] = [], ignoring: [String] = [])
        throws
    {
        var expected = try EWSSample.shape(Data(try EWSSample.text(sample).utf8))
        expected = Set(expected.map { path in renaming.reduce(path) { $0.replacingOccurrences(of: $1.0, with: $1.1) } })
        expected = expected.filter { path in !ignoring.contains { path.contains($0) } }
        let ours = try EWSSample.shape(reply.response.body)
        let missing = expected.subtracting(ours).sorted()
        #expect(missing.isEmpty, "missing from the emulator's answer: \(missing)")
    }

    func janeItemId(_ h: EWSHarness, _ subject: String = "Dentist") -> (String, String) {
        let item = h.stored()[subject]!
        return (item["id"]!.stringValue!, item["changeKey"]!.stringValue!)
    }

    func calendarFolderId(_ mailbox: String) -> String {
        FolderRef(mailbox: EWSTenant.Mailbox(primarySmtpAddress: mailbox, displayName: ""), name: "calendar").id
    }

    @Test func getFolderAndItsAnswer() async throws {
        let h = try EWSHarness()
        let reply = try await send(h, "01-getfolder-calendar-request.xml")
        #expect(reply.codes == ["NoError"])
        try expectShape(reply, like: "02-getfolder-calendar-response.xml")
    }

    @Test func calendarViewAndItsTruncatedAnswer() async throws {
        let h = try EWSHarness()
        let own = calendarFolderId("svc-calsync@contoso.example")
        try h.emulator.addItem(
            mailbox: "svc-calsync@contoso.example",
            EWSTenantItem(subject: "A", start: "2013-08-21T19:30:00Z", end: "2013-08-21T20:00:00Z"))
        for day in 22...30 {
            try h.emulator.addItem(
                mailbox: "svc-calsync@contoso.example",
                EWSTenantItem(subject: "B", start: "2013-08-\(day)T19:30:00Z", end: "2013-08-\(day)T20:00:00Z"))
        }
        let reply = try await send(
            h, "03-finditem-calendarview-request.xml",
            [(#"<t:FolderId Id="AAMk" ChangeKey="AgAA" />"#, #"<t:FolderId Id="\#(own)"/>"#)])
        #expect(reply.codes == ["NoError"])
        #expect(reply.first("RootFolder")?.attributes["IncludesLastItemInRange"] == "false")
        #expect(reply.all("CalendarItem").count == 5)
        try expectShape(reply, like: "04-finditem-calendarview-response.xml")
    }

    @Test func getItemAndSyncFolderItems() async throws {
        let h = try EWSHarness()
        let (id, changeKey) = janeItemId(h)
        let get = try await send(
            h, "05-getitem-calendar-request.xml", [("AsdD89=", id), ("Jajs3==", changeKey)], impersonate: EWSHarness.jane)
        // No impersonation header in Microsoft's sample: the item is looked for in the account's own mailbox.
        #expect(get.codes == ["ErrorItemNotFound"])
        let sync = try await send(h, "07-syncfolderitems-request.xml")
        #expect(sync.codes == ["ErrorInvalidSyncStateData"])
        try expectShape(sync, like: "09-syncfolderitems-error-invalidsyncstate.xml")
    }

    @Test func createItemsAsMicrosoftsExamplesDo() async throws {
        let h = try EWSHarness()
        let impersonated = try await send(
            h, "11-createitem-impersonation-request.xml", [("alfred@contoso.com", EWSHarness.jane)], impersonate: EWSHarness.jane)
        #expect(impersonated.codes == ["NoError"])
        try expectShape(impersonated, like: "12-createitem-response.xml")
        #expect(h.stored()["Tennis lesson"]?["start"] == "2013-09-21T19:00:00Z")
        let zoned = try await send(h, "13-createitem-starttimezone-extprop-request.xml")
        #expect(zoned.codes == ["NoError"])
        let central = try #require(
            h.emulator.items(mailbox: "svc-calsync@contoso.example").first {
                $0["subject"] == "Appointment created using Central time zone"
            })
        // A local time read in its StartTimeZone: 18:00 in Chicago in February is 00:00 UTC the next day.
        #expect(central["start"] == "2023-02-08T00:00:00Z" && central["startTimeZone"] == "Central Standard Time")
        #expect(central["extendedProperties"]?.arrayValue?.first?["distinguishedPropertySetId"] == "Appointment")
        let allDay = try await send(h, "14-createitem-allday-request.xml")
        #expect(allDay.codes == ["NoError"])
        let vacation = try #require(
            h.emulator.items(mailbox: "svc-calsync@contoso.example").first { $0["subject"] == "Vacation" })
        #expect(vacation["start"] == "2014-06-09T04:00:00Z" && vacation["end"] == "2014-06-10T04:00:00Z")
        #expect(vacation["startTimeZone"] == "Eastern Standard Time" && vacation["legacyFreeBusyStatus"] == "OOF")
    }

    @Test func updateAndDeleteSamplesMissTheCalendarAttributes() async throws {
        let h = try EWSHarness()
        let update = try await send(h, "16-updateitem-deleteitemfield-request.xml")
        #expect(update.codes == ["ErrorSendMeetingInvitationsOrCancellationsRequired"])
        let delete = try await send(h, "18-deleteitem-request.xml")
        #expect(delete.codes == ["ErrorInvalidIdMalformed"])
        let gone = try await send(
            h, "obs-exchangelib-08-deleteitem-request.xml",
            [("alice@contoso.com", EWSHarness.jane), ("NEW-c82b7ff7", "AAMkADAAAA"), ("ck2", "DwAAABYAAAAAAA")],
            impersonate: EWSHarness.jane)
        #expect(gone.codes == ["ErrorItemNotFound"])
        try expectShape(gone, like: "19-deleteitem-error-itemnotfound.xml")
    }

    @Test func resolveNamesAnswers() async throws {
        let h = try EWSHarness()
        let found = try await send(h, "20-resolvenames-request.xml", [("User2", "Jane Doe")])
        #expect(found.codes == ["NoError"])
        try expectShape(found, like: "21-resolvenames-response.xml")
        let none = try await send(h, "20-resolvenames-request.xml")
        #expect(none.codes == ["ErrorNameResolutionNoResults"])
        try expectShape(none, like: "22-resolvenames-error-noresults.xml")
    }

    @Test func restrictedFindItemAndItsAnswer() async throws {
        let h = try EWSHarness()
        let reply = try await send(h, "23-finditem-restriction-extprop-request.xml")
        #expect(reply.codes == ["NoError"])
        #expect(reply.all("Message").isEmpty && reply.first("RootFolder")?.attributes["TotalItemsInView"] == "0")
        let tagged = try await send(
            h, "obs-exchangelib-06-finditem-extprop-restriction-request.xml", [("alice@contoso.com", EWSHarness.jane)],
            impersonate: EWSHarness.jane)
        #expect(tagged.codes == ["NoError"])
        var item = EWSTenantItem(subject: "Tagged", start: "D+1T07:00", end: "D+1T08:00")
        item.extendedProperties = [
            .init(
                propertySetId: "6a3b1c2d-1111-4222-8333-944455556666", propertyName: "SyncWorkerKey", propertyType: "String",
                value: "session-42")
        ]
        try h.emulator.addItem(mailbox: EWSHarness.jane, item)
        let hit = try await send(
            h, "obs-exchangelib-06-finditem-extprop-restriction-request.xml", [("alice@contoso.com", EWSHarness.jane)],
            impersonate: EWSHarness.jane)
        #expect(hit.all("Subject").map(\.value) == ["Tagged"])
        try expectShape(
            hit, like: "24-finditem-restriction-extprop-response.xml", renaming: [("t:Message", "t:CalendarItem")],
            ignoring: ["DateTimeReceived", "IsRead", "ExtendedProperty"])
    }

    @Test func serverTimeZonesAndTheirFullDefinitions() async throws {
        let h = try EWSHarness()
        let brief = try await send(h, "27-getservertimezones-request.xml")
        #expect(
            brief.all("TimeZoneDefinition").map { $0.attributes["Id"] } == ["Eastern Standard Time", "Pacific Standard Time"])
        let full = try await send(
            h, "27-getservertimezones-request.xml", [(#"ReturnFullTimeZoneData="false""#, #"ReturnFullTimeZoneData="true""#)])
        try expectShape(full, like: "28-getservertimezones-response-full.xml", ignoring: ["AbsoluteDateTransition"])
        let eastern = try #require(full.all("TimeZoneDefinition").first)
        #expect(eastern.type("Periods")?.types("Period").map { $0.attributes["Bias"] } == ["PT300M", "PT240M"])
        let rules = eastern.type("TransitionsGroups")?.type("TransitionsGroup")?.types("RecurringDayTransition") ?? []
        #expect(
            rules.map { [$0.type("Month")?.value, $0.type("Occurrence")?.value, $0.type("TimeOffset")?.value] } == [
                ["3", "2", "PT120M"], ["11", "1", "PT120M"],
            ])
    }

    @Test func faultsHaveTheObservedShapes() async throws {
        let h = try EWSHarness()
        let schema = await h.post(Data("<nope".utf8), headers: ["Authorization": EWSHarness.basic()])
        try expectShape(schema, like: "29-soap-fault-schemavalidation.xml", ignoring: ["s:faultcode", "s:faultstring"])
        let denied = try await send(
            h, "obs-exchangelib-02-getfolder-root-impersonation-request.xml", [("alice@contoso.com", EWSHarness.ben)])
        let scoped = await h.post(
            Data(
                try EWSSample.text("obs-exchangelib-02-getfolder-root-impersonation-request.xml").replacingOccurrences(
                    of: "alice@contoso.com", with: EWSHarness.ben
                ).utf8), headers: ["Authorization": EWSHarness.basic(#"CONTOSO\svc-scoped"#, "Scoped-Demo-2026!")])
        #expect(denied.codes == ["NoError"])
        #expect(scoped.faultCode == "ErrorImpersonateUserDenied")
        try expectShape(scoped, like: "obs-fault-errorimpersonateuserdenied.xml")
        h.emulator.setFaults(
            {
                var f = EWSFaults()
                f.serverBusyNextRequests = 1
                return f
            }())
        let busy = try await send(h, "01-getfolder-calendar-request.xml")
        try expectShape(busy, like: "obs-fault-errorserverbusy.xml")
        // (A fresh emulator: the busy answer's back-off would still hold for this account.)
        let tooBig = try await send(
            try EWSHarness(), "obs-exchangelib-03-finditem-calendarview-only-request.xml",
            [("alice@contoso.com", EWSHarness.jane), ("2025-01-13T00:00:00+01:00", "2027-02-13T00:00:00+01:00")],
            impersonate: EWSHarness.jane)
        #expect(tooBig.codes == ["ErrorCalendarViewRangeTooBig"])
        try expectShape(tooBig, like: "obs-finditem-error-calendarviewrangetoobig.xml")
    }

    @Test func exchangelibsRecordedRequestsAreAccepted() async throws {
        let h = try EWSHarness()
        let jane = [("alice@contoso.com", EWSHarness.jane)]
        #expect(try await send(h, "obs-exchangelib-01-convertid-version-probe-request.xml").codes == ["ErrorInvalidSmtpAddress"])
        #expect(
            try await send(h, "obs-exchangelib-03-finditem-calendarview-only-request.xml", jane, impersonate: EWSHarness.jane)
                .codes == ["NoError"])
        let created = try await send(h, "obs-exchangelib-04-createitem-extprop-request.xml", jane, impersonate: EWSHarness.jane)
        #expect(created.codes == ["NoError"])
        let id = try #require(created.first("ItemId")?.attributes["Id"])
        let changeKey = try #require(created.first("ItemId")?.attributes["ChangeKey"])
        let updated = try await send(
            h, "obs-exchangelib-05-updateitem-request.xml",
            jane + [("NEW-c82b7ff7", id), (#"ChangeKey="ck0""#, #"ChangeKey="\#(changeKey)""#)], impersonate: EWSHarness.jane)
        #expect(updated.codes == ["NoError"])
        #expect(h.stored()["Training: Swift 102"]?["start"] == "2025-01-08T08:00:00Z")
        #expect(
            try await send(h, "obs-exchangelib-07-createitem-allday-request.xml", jane, impersonate: EWSHarness.jane).codes == [
                "NoError"
            ])
        #expect(h.stored()["Leave"]?["start"] == "2025-01-08T23:00:00Z" && h.stored()["Leave"]?["end"] == "2025-01-10T23:00:00Z")
        #expect(
            try await send(h, "obs-exchangelib-09-syncfolderitems-request.xml", jane, impersonate: EWSHarness.jane).codes == [
                "NoError"
            ])
        #expect(try await send(h, "obs-exchangelib-10-resolvenames-request.xml", jane).codes == ["NoError"])
        let all = try await send(
            h, "obs-exchangelib-11-getitem-allfields-request.xml",
            [("carol@contoso.com", EWSHarness.jane), ("I-1", id), ("I-2", "AAMkADAAAA"), ("ck1", "DwAAABYAAAAAAA")],
            impersonate: EWSHarness.jane)
        #expect(all.codes == ["NoError", "ErrorItemNotFound"])
        #expect(all.first("CalendarItem")?.type("Subject")?.value == "Training: Swift 102")
        #expect(
            try await send(
                h, "obs-exchangelib-08-deleteitem-request.xml", jane + [("NEW-c82b7ff7", id), ("ck2", "DwAAABYAAAAAAA")],
                impersonate: EWSHarness.jane
            ).codes == ["NoError"])
    }
}
