import Foundation
import Testing

@testable import EWSEmulator

/// SyncFolderItems (docs/exchange.md, "SyncFolderItems"): rounds of changes from a SyncState, masters only, paging by
/// MaxChangesReturned, and the documented answers to bad states.
@Suite struct SyncFolderItemsTests {
    static func sync(_ state: String?, max: Int = 512, mailbox: String = EWSHarness.jane) -> String {
        let stateElement = state.map { "<m:SyncState>\($0)</m:SyncState>" } ?? ""
        return """
            <m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>
            <t:FieldURI FieldURI="item:Subject"/><t:FieldURI FieldURI="calendar:Start"/><t:FieldURI FieldURI="calendar:CalendarItemType"/>
            </t:AdditionalProperties></m:ItemShape>
            <m:SyncFolderId><t:DistinguishedFolderId Id="calendar"><t:Mailbox><t:EmailAddress>\(mailbox)</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId></m:SyncFolderId>
            \(stateElement)<m:MaxChangesReturned>\(max)</m:MaxChangesReturned></m:SyncFolderItems>
            """
    }

    /// (kind, subject or id) of each change.
    static func changes(_ reply: EWSReply) -> [[String]] {
        (reply.first("Changes")?.children ?? []).map { change in
            [change.name, change.children.first?.type("Subject")?.value ?? change.type("ItemId")?.attributes["Id"] ?? ""]
        }
    }

    static func state(_ reply: EWSReply) -> String { reply.first("SyncState")?.value ?? "" }

    @Test func firstRoundThenOnlyWhatChanged() async throws {
        let h = try EWSHarness()
        let first = await h.soap(Self.sync(nil))
        #expect(first.codes == ["NoError"])
        #expect(first.first("IncludesLastItemInRange")?.value == "true")
        let created = Self.changes(first)
        #expect(created.count == 7 && created.allSatisfy { $0[0] == "Create" })
        #expect(first.all("CalendarItemType").map(\.value).filter { $0 == "RecurringMaster" }.count == 1)
        #expect(!first.all("CalendarItemType").contains { $0.value == "Occurrence" })
        let quiet = await h.soap(Self.sync(Self.state(first)))
        #expect(Self.changes(quiet).isEmpty && Self.state(quiet) != "")

        let items = h.stored()
        let dentist = items["Dentist"]!["id"]!.stringValue!
        let lunch = items["Optional: lunch & learn"]!["id"]!.stringValue!
        try h.emulator.updateItem(mailbox: EWSHarness.jane, id: dentist, EWSItemChange(start: "D+0T15:00", end: "D+0T16:00"))
        try h.emulator.removeItem(mailbox: EWSHarness.jane, id: lunch)
        try h.emulator.addItem(mailbox: EWSHarness.jane, EWSTenantItem(subject: "Dinner", start: "D+0T19:00", end: "D+0T21:00"))
        // Deleting one occurrence changes its master.
        let standUp = items["Daily stand-up"]!["id"]!.stringValue!
        try h.emulator.removeItem(mailbox: EWSHarness.jane, id: OccurrenceId.make(masterId: standUp, index: 15))
        let second = await h.soap(Self.sync(Self.state(quiet)))
        #expect(
            Self.changes(second) == [
                ["Update", "Dentist"], ["Delete", lunch], ["Create", "Dinner"], ["Update", "Daily stand-up"],
            ])
        #expect(second.first("Delete")?.type("ItemId")?.attributes["ChangeKey"] != nil)
        // An item created and deleted between two rounds is not reported.
        let flash = try h.emulator.addItem(
            mailbox: EWSHarness.jane, EWSTenantItem(subject: "Flash", start: "D+1T19:00", end: "D+1T20:00"))
        try h.emulator.removeItem(mailbox: EWSHarness.jane, id: flash)
        #expect(Self.changes(await h.soap(Self.sync(Self.state(second)))).isEmpty)
    }

    @Test func maxChangesReturnedPagesTheRound() async throws {
        let h = try EWSHarness()
        var state: String?
        var seen: [String] = []
        var calls = 0
        while calls < 10 {
            calls += 1
            let reply = await h.soap(Self.sync(state, max: 3))
            #expect(reply.codes == ["NoError"])
            seen += Self.changes(reply).map { $0[1] }
            state = Self.state(reply)
            if reply.first("IncludesLastItemInRange")?.value == "true" { break }
            #expect(Self.changes(reply).count == 3)
        }
        #expect(calls == 3)
        #expect(Set(seen).count == 7 && seen.count == 7)
        #expect(await h.soap(Self.sync(nil, max: 513)).faultCode == "ErrorSchemaValidation")
        #expect(await h.soap(Self.sync(nil, max: 0)).faultCode == "ErrorSchemaValidation")
    }

    @Test func badStatesAreInvalidSyncStateDataWithAnEmptyState() async throws {
        let h = try EWSHarness()
        let first = await h.soap(Self.sync(nil))
        let good = Self.state(first)
        var tampered = Array(Data(base64Encoded: good)!)
        tampered[20] ^= 1
        for state in ["junk", Data(tampered).base64EncodedString()] {
            let reply = await h.soap(Self.sync(state))
            #expect(reply.codes == ["ErrorInvalidSyncStateData"])
            let message = try #require(reply.messages.first)
            #expect(message.message("SyncState")?.value == "")
            #expect(message.message("IncludesLastItemInRange")?.value == "true")
        }
        // Another mailbox's state is not this mailbox's.
        #expect(
            await h.soap(Self.sync(good, mailbox: EWSHarness.ben), impersonate: EWSHarness.ben).codes == [
                "ErrorInvalidSyncStateData"
            ])
        // States issued before an invalidation stop working; a round without a state starts over.
        h.emulator.expireSyncStates(mailbox: EWSHarness.jane)
        #expect(await h.soap(Self.sync(good)).codes == ["ErrorInvalidSyncStateData"])
        let fresh = await h.soap(Self.sync(nil))
        #expect(Self.changes(fresh).count == 7)
        #expect(await h.soap(Self.sync(Self.state(fresh))).codes == ["NoError"])
    }
}
