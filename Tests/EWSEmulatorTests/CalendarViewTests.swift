import Foundation
import Testing

@testable import EWSEmulator

/// FindItem with a CalendarView (docs/exchange.md, "CalendarView"): recurrences expanded, the window's edges, the
/// truncation by MaxEntriesReturned, the two-year limit.
@Suite struct CalendarViewTests {
    static let properties = """
        <t:FieldURI FieldURI="item:Subject"/><t:FieldURI FieldURI="calendar:Start"/><t:FieldURI FieldURI="calendar:End"/>
        <t:FieldURI FieldURI="calendar:CalendarItemType"/><t:FieldURI FieldURI="calendar:LegacyFreeBusyStatus"/>
        <t:FieldURI FieldURI="calendar:IsAllDayEvent"/><t:FieldURI FieldURI="calendar:IsCancelled"/>
        <t:FieldURI FieldURI="calendar:MyResponseType"/>
        """

    static func view(_ start: String, _ end: String, max: Int? = nil, extra: String = "", mailbox: String = EWSHarness.jane)
        -> String
    {
        let maxAttribute = max.map { #" MaxEntriesReturned="\#($0)""# } ?? ""
        return """
            <m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>\(properties)\(extra)</t:AdditionalProperties></m:ItemShape>
            <m:CalendarView\(maxAttribute) StartDate="\(start)" EndDate="\(end)"/>
            <m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"><t:Mailbox><t:EmailAddress>\(mailbox)</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId></m:ParentFolderIds></m:FindItem>
            """
    }

    /// (subject, start, end, type) of each item in a FindItem answer.
    static func rows(_ reply: EWSReply) -> [[String]] {
        reply.all("CalendarItem").map { item in
            ["Subject", "Start", "End", "CalendarItemType"].map { item.type($0)?.value ?? "" }
        }
    }

    @Test func aWeekOfJanesCalendar() async throws {
        let h = try EWSHarness()
        let reply = await h.soap(Self.view("2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z"))
        #expect(reply.codes == ["NoError"])
        let rows = Self.rows(reply)
        let standUps = rows.filter { $0[0] == "Daily stand-up" }
        #expect(standUps.map { $0[1] } == (2...8).map { String(format: "2026-03-%02dT08:00:00Z", $0) })
        #expect(standUps.allSatisfy { $0[3] == "Occurrence" })
        #expect(!rows.contains { $0[3] == "RecurringMaster" })
        #expect(rows.contains(["Dentist", "2026-03-02T13:00:00Z", "2026-03-02T14:30:00Z", "Single"]))
        // All day in Paris: midnight to midnight there.
        #expect(rows.contains(["Conference (all day)", "2026-03-03T23:00:00Z", "2026-03-04T23:00:00Z", "Single"]))
        #expect(rows.count == 13)
        #expect(rows.map { $0[1] } == rows.map { $0[1] }.sorted())
        #expect(reply.first("RootFolder")?.attributes["TotalItemsInView"] == "13")
        #expect(reply.first("RootFolder")?.attributes["IncludesLastItemInRange"] == "true")
        let items = reply.all("CalendarItem")
        let declined = try #require(items.first { $0.type("Subject")?.value == "Budget review (declined)" })
        #expect(declined.type("MyResponseType")?.value == "Decline")
        #expect(declined.type("LegacyFreeBusyStatus")?.value == "Free")
        let cancelled = try #require(items.first { $0.type("Subject")?.value == "Vendor call (cancelled)" })
        #expect(cancelled.type("IsCancelled")?.value == "true")
    }

    @Test func occurrencesKeepTheirWallClockTimeAcrossDaylightSaving() async throws {
        let h = try EWSHarness()
        let reply = await h.soap(Self.view("2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z"))
        let standUps = Self.rows(reply).filter { $0[0] == "Daily stand-up" }.map { $0[1] }
        #expect(standUps == ["2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z", "2026-03-30T07:00:00Z"])
    }

    @Test func theWindowIncludesItemsEndingAtItsStartButNotThoseStartingAtItsEnd() async throws {
        let h = try EWSHarness()
        let endingAtStart = Self.rows(await h.soap(Self.view("2026-03-02T14:30:00Z", "2026-03-02T14:45:00Z")))
        #expect(endingAtStart.map { $0[0] } == ["Dentist"])
        let startingAtEnd = Self.rows(await h.soap(Self.view("2026-03-02T12:00:00Z", "2026-03-02T13:00:00Z")))
        #expect(startingAtEnd.isEmpty)
    }

    @Test func maxEntriesReturnedTruncatesWithoutPaging() async throws {
        let h = try EWSHarness()
        let reply = await h.soap(Self.view("2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z", max: 3))
        let root = try #require(reply.first("RootFolder"))
        #expect(root.attributes["TotalItemsInView"] == "13")
        #expect(root.attributes["IncludesLastItemInRange"] == "false")
        #expect(root.attributes["IndexedPagingOffset"] == nil)
        #expect(Self.rows(reply).map { $0[1] } == ["2026-03-02T08:00:00Z", "2026-03-02T13:00:00Z", "2026-03-03T08:00:00Z"])
        var configuration = EWSConfiguration()
        configuration.calendarViewTruncatesToEarliest = false
        let latest = try EWSHarness(configuration: configuration)
        let tail = Self.rows(await latest.soap(Self.view("2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z", max: 1)))
        #expect(tail.map { $0[1] } == ["2026-03-08T08:00:00Z"])
    }

    @Test func windowLimits() async throws {
        let h = try EWSHarness()
        let tooBig = await h.soap(Self.view("2026-01-01T00:00:00Z", "2028-01-01T00:00:01Z"))
        #expect(tooBig.status == 200)
        #expect(tooBig.codes == ["ErrorCalendarViewRangeTooBig"])
        #expect(
            tooBig.messages.first?.message("MessageText")?.value
                == "The specified view range exceeds the maximum range of two years.")
        #expect(await h.soap(Self.view("2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z")).codes == ["NoError"])
        #expect(
            await h.soap(Self.view("2026-03-09T00:00:00Z", "2026-03-02T00:00:00Z")).codes == [
                "ErrorCalendarEndDateIsEarlierThanStartDate"
            ])
        // Offsets and no offset (read in the TimeZoneContext) give the same instants.
        let offset = Self.rows(await h.soap(Self.view("2026-03-02T14:00:00+01:00", "2026-03-02T15:00:00+01:00")))
        let local = Self.rows(
            await h.soap(Self.view("2026-03-02T14:00:00", "2026-03-02T15:00:00"), timeZone: "Romance Standard Time"))
        #expect(offset == local && offset.map { $0[0] } == ["Dentist"])
    }

    @Test func findCountLimit() async throws {
        var configuration = EWSConfiguration()
        configuration.findCountLimit = 5
        let h = try EWSHarness(configuration: configuration)
        let refused = await h.soap(Self.view("2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z"))
        #expect(refused.codes == ["ErrorExceededFindCountLimit"])
        #expect(refused.messageValue("PolicyLimit") == "5")
        #expect(await h.soap(Self.view("2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z", max: 5)).codes == ["NoError"])
    }

    @Test func restrictionsAndBodiesAreNotForCalendarView() async throws {
        let h = try EWSHarness()
        let restricted = """
            <m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>
            <m:CalendarView StartDate="2026-03-02T00:00:00Z" EndDate="2026-03-09T00:00:00Z"/>
            <m:Restriction><t:Exists><t:FieldURI FieldURI="item:Subject"/></t:Exists></m:Restriction>
            <m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>
            """
        #expect(await h.soap(restricted).codes == ["ErrorInvalidRestriction"])
        let body = await h.soap(
            Self.view("2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z", extra: #"<t:FieldURI FieldURI="item:Body"/>"#))
        #expect(body.codes == ["ErrorInvalidPropertyRequest"])
        #expect(body.first("MessageXml")?.type("FieldURI")?.attributes["FieldURI"] == "item:Body")
        let outOfOrder = """
            <m:FindItem Traversal="Shallow"><m:CalendarView StartDate="2026-03-02T00:00:00Z" EndDate="2026-03-09T00:00:00Z"/>
            <m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>
            <m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>
            """
        #expect(await h.soap(outOfOrder).faultCode == "ErrorSchemaValidation")
    }

    @Test func extendedPropertiesComeBackUnlessConfiguredNotTo() async throws {
        let tag =
            #"<t:ExtendedFieldURI PropertySetId="\#(EWSHarness.propertySet)" PropertyName="CalSyncItem" PropertyType="String"/>"#
        var item = EWSTenantItem(subject: "Tagged", start: "D+1T07:00", end: "D+1T08:00")
        item.extendedProperties = [
            .init(propertySetId: EWSHarness.propertySet, propertyName: "CalSyncItem", propertyType: "String", value: "k-1")
        ]
        let h = try EWSHarness()
        try h.emulator.addItem(mailbox: EWSHarness.jane, item)
        let reply = await h.soap(Self.view("2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z", extra: tag))
        let tagged = try #require(reply.all("CalendarItem").first { $0.type("Subject")?.value == "Tagged" })
        #expect(tagged.type("ExtendedProperty")?.type("Value")?.value == "k-1")
        #expect(reply.all("ExtendedProperty").count == 1)
        var configuration = EWSConfiguration()
        configuration.calendarViewReturnsExtendedProperties = false
        let bare = try EWSHarness(configuration: configuration)
        try bare.emulator.addItem(mailbox: EWSHarness.jane, item)
        #expect(
            await bare.soap(Self.view("2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z", extra: tag)).all("ExtendedProperty").isEmpty
        )
    }
}
