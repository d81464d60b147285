import Foundation

/// A folder a request names: a mailbox and a well-known folder. The emulator keeps items in the calendar only; the
/// other well-known folders exist (GetFolder answers for them) and are empty.
struct FolderRef: Sendable, Equatable {
    var mailbox: EWSTenant.Mailbox
    /// The DistinguishedFolderId name (`calendar`, `root`, `msgfolderroot`, `inbox`…).
    var name: String

    var isCalendar: Bool { name == "calendar" }

    /// The well-known folders the emulator answers for (DistinguishedFolderIdNameType values); any other name is a
    /// schema error.
    static let wellKnown: [String: (displayName: String, folderClass: String?, element: String)] = [
        "root": ("", nil, "t:Folder"),
        "msgfolderroot": ("Top of Information Store", nil, "t:Folder"),
        "calendar": ("Calendar", "IPF.Appointment", "t:CalendarFolder"),
        "inbox": ("Inbox", "IPF.Note", "t:Folder"),
        "drafts": ("Drafts", "IPF.Note", "t:Folder"),
        "sentitems": ("Sent Items", "IPF.Note", "t:Folder"),
        "outbox": ("Outbox", "IPF.Note", "t:Folder"),
        "deleteditems": ("Deleted Items", "IPF.Note", "t:Folder"),
        "junkemail": ("Junk Email", "IPF.Note", "t:Folder"),
        "contacts": ("Contacts", "IPF.Contact", "t:ContactsFolder"),
        "tasks": ("Tasks", "IPF.Task", "t:TasksFolder"),
        "notes": ("Notes", "IPF.StickyNote", "t:Folder"),
        "journal": ("Journal", "IPF.Journal", "t:Folder"),
    ]

    /// Other names of DistinguishedFolderIdNameType: valid, but no such folder here (ErrorFolderNotFound).
    static let otherSchemaNames: Set<String> = [
        "publicfoldersroot", "searchfolders", "voicemail", "recoverableitemsroot", "recoverableitemsdeletions",
        "recoverableitemsversions", "recoverableitemspurges", "archiveroot", "archivemsgfolderroot", "archivedeleteditems",
        "archiveinbox", "archiverecoverableitemsroot", "archiverecoverableitemsdeletions", "archiverecoverableitemsversions",
        "archiverecoverableitemspurges", "syncissues", "conflicts", "localfailures", "serverfailures", "recipientcache",
        "quickcontacts", "conversationhistory", "adminauditlogs", "todosearch", "mycontacts", "directory", "imcontactlist",
        "peopleconnect", "favorites",
    ]

    /// `AQMkAD` + base64 of "<primary SMTP>|<name>"; the ChangeKey of a folder does not change here.
    var id: String { "AQMkAD" + Data("\(mailbox.primarySmtpAddress.lowercased())|\(name)".utf8).base64EncodedString() }
    static let changeKey = "AQAAABYAAAA="

    /// The mailbox address and folder name a folder id encodes.
    static func parse(id: String) -> (address: String, name: String)? {
        guard id.hasPrefix("AQMkAD"), let data = Data(base64Encoded: String(id.dropFirst(6))),
            let text = String(data: data, encoding: .utf8), let bar = text.lastIndex(of: "|")
        else { return nil }
        return (String(text[..<bar]), String(text[text.index(after: bar)...]))
    }

    func writeId(as element: String = "t:FolderId", to xml: inout XMLWriter) {
        xml.empty(element, [("Id", id), ("ChangeKey", Self.changeKey)])
    }
}
