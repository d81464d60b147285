import Foundation
import Testing

@testable import EWSEmulator

/// CreateItem, UpdateItem, DeleteItem and GetItem (docs/exchange.md, "CreateItem", "UpdateItem", "DeleteItem").
@Suite struct ItemWriteTests {
    static let tag =
        #"<t:ExtendedFieldURI PropertySetId="\#(EWSHarness.propertySet)" PropertyName="CalSyncItem" PropertyType="String"/>"#

    static func create(_ children: String, send: String? = "SendToNone") -> String {
        let attribute = send.map { #" SendMeetingInvitations="\#($0)""# } ?? ""
        return """
            <m:CreateItem MessageDisposition="SaveOnly"\(attribute)><m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"><t:Mailbox>
            <t:EmailAddress>jane.doe@contoso.example</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId></m:SavedItemFolderId>
            <m:Items><t:CalendarItem>\(children)</t:CalendarItem></m:Items></m:CreateItem>
            """
    }

    static let training = """
        <t:Subject>Training: Swift 101</t:Subject><t:Sensitivity>Normal</t:Sensitivity><t:ReminderIsSet>false</t:ReminderIsSet>
        <t:ExtendedProperty>\(tag)<t:Value>t1:session-42:jane</t:Value></t:ExtendedProperty>
        <t:Start>2026-03-10T08:00:00Z</t:Start><t:End>2026-03-10T16:00:00Z</t:End><t:IsAllDayEvent>false</t:IsAllDayEvent>
        <t:LegacyFreeBusyStatus>Busy</t:LegacyFreeBusyStatus>
        <t:StartTimeZone Id="Romance Standard Time"/><t:EndTimeZone Id="Romance Standard Time"/>
        """

    static func getItem(_ id: String, changeKey: String? = nil, shape: String = "AllProperties", extra: String = tag) -> String {
        let key = changeKey.map { #" ChangeKey="\#($0)""# } ?? ""
        return """
            <m:GetItem><m:ItemShape><t:BaseShape>\(shape)</t:BaseShape><t:AdditionalProperties>\(extra)</t:AdditionalProperties></m:ItemShape>
            <m:ItemIds><t:ItemId Id="\(id)"\(key)/></m:ItemIds></m:GetItem>
            """
    }

    func created(_ h: EWSHarness, _ children: String = training) async throws -> (id: String, changeKey: String) {
        let reply = await h.soap(Self.create(children))
        #expect(reply.codes == ["NoError"])
        let itemId = try #require(reply.first("ItemId"))
        return (itemId.attributes["Id"]!, itemId.attributes["ChangeKey"]!)
    }

    @Test func createStoresWhatWasSentAndGetItemReadsItBack() async throws {
        let h = try EWSHarness()
        let (id, changeKey) = try await created(h)
        let stored = try #require(h.stored()["Training: Swift 101"])
        #expect(stored["id"]?.stringValue == id && stored["changeKey"]?.stringValue == changeKey)
        #expect(stored["start"] == "2026-03-10T08:00:00Z" && stored["end"] == "2026-03-10T16:00:00Z")
        #expect(stored["startTimeZone"] == "Romance Standard Time" && stored["reminderIsSet"] == false)
        #expect(stored["extendedProperties"]?.arrayValue?.first?["value"] == "t1:session-42:jane")
        let reply = await h.soap(Self.getItem(id))
        let item = try #require(reply.first("CalendarItem"))
        #expect(item.type("Subject")?.value == "Training: Swift 101")
        #expect(item.type("Start")?.value == "2026-03-10T08:00:00Z")
        #expect(item.type("CalendarItemType")?.value == "Single")
        #expect(item.type("LegacyFreeBusyStatus")?.value == "Busy")
        #expect(item.type("ExtendedProperty")?.type("Value")?.value == "t1:session-42:jane")
        #expect(item.type("StartTimeZone")?.attributes["Id"] == "Romance Standard Time")
        #expect(item.type("Organizer")?.type("Mailbox")?.type("EmailAddress")?.value == EWSHarness.jane)
        // Schema order: ExtendedProperty among the ItemType properties, before the calendar ones.
        let names = item.children.map(\.name)
        #expect(names.firstIndex(of: "ExtendedProperty")! < names.firstIndex(of: "Start")!)
        #expect(names.firstIndex(of: "Subject")! < names.firstIndex(of: "ExtendedProperty")!)
    }

    @Test func childrenOutOfSchemaOrderAreASchemaFault() async throws {
        let h = try EWSHarness()
        let misplaced = """
            <t:Subject>x</t:Subject><t:Start>2026-03-10T08:00:00Z</t:Start>
            <t:ExtendedProperty>\(Self.tag)<t:Value>k</t:Value></t:ExtendedProperty><t:End>2026-03-10T09:00:00Z</t:End>
            """
        let reply = await h.soap(Self.create(misplaced))
        #expect(reply.status == 500)
        #expect(reply.faultCode == "ErrorSchemaValidation")
        #expect(reply.first("Violation")?.value.contains("'ExtendedProperty'") == true)
        #expect(reply.first("LineNumber") != nil)
        #expect(h.stored()["x"] == nil)
        #expect(await h.soap(Self.create("<t:Subject>x</t:Subject><t:Nonsense/>")).faultCode == "ErrorSchemaValidation")
        #expect(
            await h.soap(Self.create("<t:LegacyFreeBusyStatus>Away</t:LegacyFreeBusyStatus>")).faultCode
                == "ErrorSchemaValidation")
    }

    @Test func documentedPerItemErrors() async throws {
        let h = try EWSHarness()
        #expect(await h.soap(Self.create(Self.training, send: nil)).codes == ["ErrorSendMeetingInvitationsRequired"])
        let backwards = "<t:Start>2026-03-10T10:00:00Z</t:Start><t:End>2026-03-10T09:00:00Z</t:End>"
        #expect(await h.soap(Self.create(backwards)).codes == ["ErrorCalendarEndDateIsEarlierThanStartDate"])
        let long = "<t:Start>2026-03-10T10:00:00Z</t:Start><t:End>2032-03-10T09:00:00Z</t:End>"
        #expect(await h.soap(Self.create(long)).codes == ["ErrorCalendarDurationIsTooLong"])
        let zone =
            #"<t:Start>2026-03-10T10:00:00Z</t:Start><t:End>2026-03-10T11:00:00Z</t:End><t:StartTimeZone Id="Mars/Olympus"/>"#
        #expect(await h.soap(Self.create(zone)).codes == ["ErrorCalendarInvalidTimeZone"])
        let readOnly =
            "<t:Start>2026-03-10T10:00:00Z</t:Start><t:End>2026-03-10T11:00:00Z</t:End><t:IsCancelled>true</t:IsCancelled>"
        #expect(await h.soap(Self.create(readOnly)).codes == ["ErrorInvalidPropertySet"])
        let badValue = """
            <t:ExtendedProperty><t:ExtendedFieldURI PropertySetId="\(EWSHarness.propertySet)" PropertyName="N" PropertyType="Integer"/>
            <t:Value>twelve</t:Value></t:ExtendedProperty><t:Start>2026-03-10T10:00:00Z</t:Start><t:End>2026-03-10T11:00:00Z</t:End>
            """
        #expect(await h.soap(Self.create(badValue)).codes == ["ErrorInvalidExtendedPropertyValue"])
    }

    @Test func versionGatedElements() async throws {
        let h = try EWSHarness()
        let zoned = #"<t:Start>2026-03-10T10:00:00Z</t:Start><t:End>2026-03-10T11:00:00Z</t:End><t:StartTimeZone Id="UTC"/>"#
        #expect(await h.soap(Self.create(zoned), version: "Exchange2007_SP1").faultCode == "ErrorSchemaValidation")
        let elsewhere =
            "<t:Start>2026-03-10T10:00:00Z</t:Start><t:End>2026-03-10T11:00:00Z</t:End><t:LegacyFreeBusyStatus>WorkingElsewhere</t:LegacyFreeBusyStatus>"
        #expect(await h.soap(Self.create(elsewhere), version: "Exchange2010_SP2").faultCode == "ErrorSchemaValidation")
        #expect(await h.soap(Self.create(elsewhere), version: "Exchange2013").codes == ["NoError"])
    }

    @Test func allDayItemsSitOnMidnightsOfTheirZone() async throws {
        let h = try EWSHarness()
        // As Microsoft's example: non-midnight times move out to the surrounding midnights of the item's zone.
        let leave = """
            <t:Subject>Leave</t:Subject><t:Start>2026-06-09T10:00:00Z</t:Start><t:End>2026-06-10T04:00:00Z</t:End>
            <t:IsAllDayEvent>true</t:IsAllDayEvent><t:LegacyFreeBusyStatus>OOF</t:LegacyFreeBusyStatus>
            <t:StartTimeZone Id="Eastern Standard Time"/><t:EndTimeZone Id="Eastern Standard Time"/>
            """
        _ = try await created(h, leave)
        let stored = try #require(h.stored()["Leave"])
        #expect(stored["start"] == "2026-06-09T04:00:00Z" && stored["end"] == "2026-06-10T04:00:00Z")
        let spill = """
            <t:Subject>Spill</t:Subject><t:Start>2026-06-09T04:00:00Z</t:Start><t:End>2026-06-10T05:00:00Z</t:End>
            <t:IsAllDayEvent>true</t:IsAllDayEvent><t:StartTimeZone Id="Eastern Standard Time"/>
            """
        _ = try await created(h, spill)
        #expect(h.stored()["Spill"]?["end"] == "2026-06-11T04:00:00Z")
        // Without StartTimeZone, the TimeZoneContext decides, and local times are read in it.
        let local =
            "<t:Subject>Local</t:Subject><t:Start>2026-06-09T00:00:00</t:Start><t:End>2026-06-10T00:00:00</t:End><t:IsAllDayEvent>true</t:IsAllDayEvent>"
        #expect(await h.soap(Self.create(local), timeZone: "Romance Standard Time").codes == ["NoError"])
        #expect(h.stored()["Local"]?["start"] == "2026-06-08T22:00:00Z")
        #expect(h.stored()["Local"]?["startTimeZone"] == "Romance Standard Time")
    }

    @Test func createARecurringSeries() async throws {
        let h = try EWSHarness()
        let series = """
            <t:Subject>Weekly</t:Subject><t:Start>2026-03-03T08:00:00Z</t:Start><t:End>2026-03-03T09:00:00Z</t:End>
            <t:Recurrence><t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Tuesday Thursday</t:DaysOfWeek></t:WeeklyRecurrence>
            <t:NumberedRecurrence><t:StartDate>2026-03-03</t:StartDate><t:NumberOfOccurrences>4</t:NumberOfOccurrences></t:NumberedRecurrence></t:Recurrence>
            <t:StartTimeZone Id="Romance Standard Time"/>
            """
        let (id, _) = try await created(h, series)
        let view = await h.soap(CalendarViewTests.view("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"))
        let weekly = CalendarViewTests.rows(view).filter { $0[0] == "Weekly" }.map { $0[1] }
        #expect(weekly == ["2026-03-03T08:00:00Z", "2026-03-05T08:00:00Z", "2026-03-10T08:00:00Z", "2026-03-12T08:00:00Z"])
        let master = await h.soap(Self.getItem(id, extra: ""))
        #expect(master.first("CalendarItemType")?.value == "RecurringMaster")
        #expect(master.first("WeeklyRecurrence")?.type("DaysOfWeek")?.value == "Tuesday Thursday")
        #expect(master.first("LastOccurrence")?.type("Start")?.value == "2026-03-12T08:00:00Z")
        // An occurrence index far past year 9999 is simply not there.
        let sparse = series.replacingOccurrences(
            of:
                "<t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Tuesday Thursday</t:DaysOfWeek></t:WeeklyRecurrence>",
            with:
                "<t:AbsoluteMonthlyRecurrence><t:Interval>99</t:Interval><t:DayOfMonth>31</t:DayOfMonth></t:AbsoluteMonthlyRecurrence>"
        ).replacingOccurrences(
            of: "<t:NumberOfOccurrences>4</t:NumberOfOccurrences>", with: "<t:NumberOfOccurrences>999</t:NumberOfOccurrences>")
        let (sparseId, _) = try await created(h, sparse)
        #expect(
            await h.soap(Self.getItem(OccurrenceId.make(masterId: sparseId, index: 998), extra: "")).codes == [
                "ErrorItemNotFound"
            ])
        #expect(
            await h.soap(Self.getItem(OccurrenceId.make(masterId: sparseId, index: 2), extra: "")).first("Start")?.value
                == "2034-06-30T07:00:00Z")
        let relative = series.replacingOccurrences(
            of: "WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Tuesday Thursday</t:DaysOfWeek></t:WeeklyRecurrence",
            with:
                "RelativeMonthlyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Tuesday</t:DaysOfWeek><t:DayOfWeekIndex>First</t:DayOfWeekIndex></t:RelativeMonthlyRecurrence"
        )
        #expect(await h.soap(Self.create(relative)).codes == ["ErrorCalendarInvalidRecurrence"])
    }

    static func update(_ id: String, _ changeKey: String?, _ updates: String, resolution: String = "AutoResolve") -> String {
        let key = changeKey.map { #" ChangeKey="\#($0)""# } ?? ""
        return """
            <m:UpdateItem ConflictResolution="\(resolution)" MessageDisposition="SaveOnly" SendMeetingInvitationsOrCancellations="SendToNone">
            <m:ItemChanges><t:ItemChange><t:ItemId Id="\(id)"\(key)/><t:Updates>\(updates)</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>
            """
    }

    @Test func updateSetsAndDeletesFieldsWithTheCurrentChangeKey() async throws {
        let h = try EWSHarness()
        let (id, changeKey) = try await created(h)
        let updates = """
            <t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:CalendarItem><t:Subject>Training: Swift 102</t:Subject></t:CalendarItem></t:SetItemField>
            <t:SetItemField><t:FieldURI FieldURI="calendar:Start"/><t:CalendarItem><t:Start>2026-03-10T10:00:00+01:00</t:Start></t:CalendarItem></t:SetItemField>
            <t:SetItemField><t:FieldURI FieldURI="calendar:End"/><t:CalendarItem><t:End>2026-03-10T18:00:00+01:00</t:End></t:CalendarItem></t:SetItemField>
            <t:SetItemField>\(Self.tag)<t:CalendarItem><t:ExtendedProperty>\(Self.tag)<t:Value>v2</t:Value></t:ExtendedProperty></t:CalendarItem></t:SetItemField>
            <t:SetItemField><t:FieldURI FieldURI="calendar:Location"/><t:CalendarItem><t:Location>Room 1</t:Location></t:CalendarItem></t:SetItemField>
            <t:DeleteItemField><t:FieldURI FieldURI="calendar:Location"/></t:DeleteItemField>
            <t:DeleteItemField><t:FieldURI FieldURI="calendar:RequiredAttendees"/></t:DeleteItemField>
            """
        let reply = await h.soap(Self.update(id, changeKey, updates))
        #expect(reply.codes == ["NoError"])
        let newKey = try #require(reply.first("ItemId")?.attributes["ChangeKey"])
        #expect(newKey != changeKey)
        #expect(reply.first("ConflictResults")?.type("Count")?.value == "0")
        let stored = try #require(h.stored()["Training: Swift 102"])
        #expect(stored["start"] == "2026-03-10T09:00:00Z" && stored["end"] == "2026-03-10T17:00:00Z")
        #expect(stored["location"] == .null && stored["changeKey"]?.stringValue == newKey)
        #expect(stored["extendedProperties"]?.arrayValue?.first?["value"] == "v2")
        let removeTag = "<t:DeleteItemField>\(Self.tag)</t:DeleteItemField>"
        #expect(await h.soap(Self.update(id, newKey, removeTag)).codes == ["NoError"])
        #expect(h.stored()["Training: Swift 102"]?["extendedProperties"]?.arrayValue?.isEmpty == true)
    }

    @Test func changeKeyRules() async throws {
        let h = try EWSHarness()
        let (id, changeKey) = try await created(h)
        let subject =
            #"<t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:CalendarItem><t:Subject>new</t:Subject></t:CalendarItem></t:SetItemField>"#
        #expect(await h.soap(Self.update(id, nil, subject)).codes == ["ErrorChangeKeyRequiredForWriteOperations"])
        #expect(await h.soap(Self.update(id, changeKey, subject)).codes == ["NoError"])
        let stale = await h.soap(Self.update(id, changeKey, subject))
        #expect(stale.codes == ["ErrorIrresolvableConflict"])
        #expect(await h.soap(Self.update(id, changeKey, subject, resolution: "AlwaysOverwrite")).codes == ["NoError"])
        var configuration = EWSConfiguration()
        configuration.staleChangeKeyCode = "ErrorStaleObject"
        configuration.alwaysOverwriteIgnoresStaleChangeKey = false
        let strict = try EWSHarness(configuration: configuration)
        let (otherId, otherKey) = try await created(strict)
        _ = await strict.soap(Self.update(otherId, otherKey, subject))
        #expect(
            await strict.soap(Self.update(otherId, otherKey, subject, resolution: "AlwaysOverwrite")).codes == [
                "ErrorStaleObject"
            ])
        // GetItem takes an old (well-formed) key and reads the current item; a malformed one is refused.
        #expect(await h.soap(Self.getItem(id, changeKey: changeKey)).codes == ["NoError"])
        #expect(await h.soap(Self.getItem(id, changeKey: "junk")).codes == ["ErrorInvalidChangeKey"])
    }

    @Test func updateShapeErrors() async throws {
        let h = try EWSHarness()
        let (id, changeKey) = try await created(h)
        let two =
            #"<t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:CalendarItem><t:Subject>a</t:Subject><t:Location>b</t:Location></t:CalendarItem></t:SetItemField>"#
        #expect(await h.soap(Self.update(id, changeKey, two)).codes == ["ErrorIncorrectUpdatePropertyCount"])
        let mismatch =
            #"<t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:CalendarItem><t:Location>b</t:Location></t:CalendarItem></t:SetItemField>"#
        #expect(await h.soap(Self.update(id, changeKey, mismatch)).codes == ["ErrorUpdatePropertyMismatch"])
        let required = #"<t:DeleteItemField><t:FieldURI FieldURI="calendar:Start"/></t:DeleteItemField>"#
        #expect(await h.soap(Self.update(id, changeKey, required)).codes == ["ErrorInvalidPropertyDelete"])
        let backwards =
            #"<t:SetItemField><t:FieldURI FieldURI="calendar:Start"/><t:CalendarItem><t:Start>2026-03-11T08:00:00Z</t:Start></t:CalendarItem></t:SetItemField>"#
        #expect(await h.soap(Self.update(id, changeKey, backwards)).codes == ["ErrorCalendarEndDateIsEarlierThanStartDate"])
        #expect(h.stored()["Training: Swift 101"]?["changeKey"]?.stringValue == changeKey)
        #expect(await h.soap(Self.update("AAMkADAAAA", "DwAAABYAAAAAAA", backwards)).codes == ["ErrorItemNotFound"])
        let noSend = Self.update(id, changeKey, backwards).replacingOccurrences(
            of: #" SendMeetingInvitationsOrCancellations="SendToNone""#, with: "")
        #expect(await h.soap(noSend).codes == ["ErrorSendMeetingInvitationsOrCancellationsRequired"])
    }

    static func delete(_ ids: [String], cancellations: Bool = true) -> String {
        let send = cancellations ? #" SendMeetingCancellations="SendToNone""# : ""
        return """
            <m:DeleteItem DeleteType="HardDelete"\(send) AffectedTaskOccurrences="AllOccurrences"><m:ItemIds>\(ids.map { #"<t:ItemId Id="\#($0)"/>"# }.joined())</m:ItemIds></m:DeleteItem>
            """
    }

    @Test func deleteOnePerIdAndItemNotFoundForAGoneOne() async throws {
        let h = try EWSHarness()
        let (id, _) = try await created(h)
        #expect(await h.soap(Self.delete([id], cancellations: false)).codes == ["ErrorSendMeetingCancellationsRequired"])
        let reply = await h.soap(Self.delete([id, id, "garbage"]))
        #expect(reply.status == 200)
        #expect(reply.codes == ["NoError", "ErrorItemNotFound", "ErrorInvalidIdMalformed"])
        #expect(reply.messages[1].message("MessageText")?.value == "The specified object was not found in the store.")
        #expect(h.stored()["Training: Swift 101"] == nil)
        #expect(await h.soap(Self.getItem(id)).codes == ["ErrorItemNotFound"])
        #expect(await h.soap(Self.delete([""])).codes == ["ErrorInvalidIdEmpty"])
    }

    @Test func occurrencesAreReadMovedAndDeletedByTheirIds() async throws {
        let h = try EWSHarness()
        let view = await h.soap(CalendarViewTests.view("2026-03-03T00:00:00Z", "2026-03-05T00:00:00Z"))
        let occurrenceIds = view.all("CalendarItem").filter { $0.type("CalendarItemType")?.value == "Occurrence" }
            .compactMap { $0.type("ItemId")?.attributes["Id"] }
        #expect(occurrenceIds.count == 2)
        let read = await h.soap(Self.getItem(occurrenceIds[0], extra: ""))
        #expect(read.first("CalendarItemType")?.value == "Occurrence")
        #expect(read.first("OriginalStart")?.value == "2026-03-03T08:00:00Z")
        #expect(read.first("IsRecurring")?.value == "true")
        let changeKey = try #require(read.first("ItemId")?.attributes["ChangeKey"])
        let move =
            #"<t:SetItemField><t:FieldURI FieldURI="calendar:Start"/><t:CalendarItem><t:Start>2026-03-03T10:00:00Z</t:Start></t:CalendarItem></t:SetItemField><t:SetItemField><t:FieldURI FieldURI="calendar:End"/><t:CalendarItem><t:End>2026-03-03T11:00:00Z</t:End></t:CalendarItem></t:SetItemField>"#
        #expect(await h.soap(Self.update(occurrenceIds[0], changeKey, move)).codes == ["NoError"])
        #expect(await h.soap(Self.delete([occurrenceIds[1]])).codes == ["NoError"])
        let after = CalendarViewTests.rows(await h.soap(CalendarViewTests.view("2026-03-03T00:00:00Z", "2026-03-05T00:00:00Z")))
        #expect(
            after.filter { $0[0] == "Daily stand-up" } == [
                ["Daily stand-up", "2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z", "Exception"]
            ])
        #expect(await h.soap(Self.getItem(occurrenceIds[1])).codes == ["ErrorItemNotFound"])
        let master = h.stored()["Daily stand-up"]
        #expect(master?["deletedOccurrences"] == ["2026-03-04"] && master?["modifiedOccurrences"] == ["2026-03-03"])
    }

    @Test func findByARestrictionOnTheTag() async throws {
        let h = try EWSHarness()
        let (id, _) = try await created(h)
        func find(_ value: String, comparison: String = "IsEqualTo") -> String {
            """
            <m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/></t:AdditionalProperties></m:ItemShape>
            <m:IndexedPageItemView MaxEntriesReturned="100" Offset="0" BasePoint="Beginning"/>
            <m:Restriction><t:\(comparison)>\(Self.tag)<t:FieldURIOrConstant><t:Constant Value="\(value)"/></t:FieldURIOrConstant></t:\(comparison)></m:Restriction>
            <m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>
            """
        }
        let hit = await h.soap(find("t1:session-42:jane"))
        #expect(hit.all("ItemId").map { $0.attributes["Id"] } == [id])
        #expect(hit.first("RootFolder")?.attributes["IndexedPagingOffset"] == "1")
        #expect(hit.first("RootFolder")?.attributes["IncludesLastItemInRange"] == "true")
        #expect(await h.soap(find("T1:SESSION-42:JANE")).all("ItemId").count == 1)
        #expect(await h.soap(find("t1:other")).all("ItemId").isEmpty)
        let exists = find("").replacingOccurrences(
            of: #"<t:IsEqualTo>\#(Self.tag)<t:FieldURIOrConstant><t:Constant Value=""/></t:FieldURIOrConstant></t:IsEqualTo>"#,
            with: "<t:Exists>\(Self.tag)</t:Exists>")
        #expect(await h.soap(exists).all("ItemId").map { $0.attributes["Id"] } == [id])
        let uid = find("x").replacingOccurrences(of: Self.tag, with: #"<t:FieldURI FieldURI="calendar:UID"/>"#)
        #expect(await h.soap(uid).codes == ["ErrorUnsupportedPathForQuery"])
        // Without a view: masters and singles, never occurrences.
        let all = await h.soap(
            #"<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="calendar:CalendarItemType"/></t:AdditionalProperties></m:ItemShape><m:IndexedPageItemView MaxEntriesReturned="3" Offset="0" BasePoint="Beginning"/><m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>"#
        )
        #expect(all.all("CalendarItemType").map(\.value) == ["RecurringMaster", "Single", "Single"])
        #expect(all.first("RootFolder")?.attributes["TotalItemsInView"] == "8")
        #expect(all.first("RootFolder")?.attributes["IncludesLastItemInRange"] == "false")
    }
}
