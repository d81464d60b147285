/// How items are written for one response: which properties (the shape), for which schema version, and whether for
/// FindItem or SyncFolderItems (no bodies, the organizer's name only) or GetItem.
struct ItemRenderOptions: Sendable {
    enum Purpose: Sendable {
        case find
        case sync
        case get
    }

    var shape: PropertyShape
    var version: EWSVersion
    var purpose: Purpose
    /// The folder the items are in (ParentFolderId) and its owner (organizer, LastModifiedName).
    var folder: FolderRef
    /// DateTimePrecision Milliseconds: times with `.000`.
    var milliseconds = false
    /// False when a CalendarView leaves extended properties out (`EWSConfiguration.calendarViewReturnsExtendedProperties`).
    var includesExtendedProperties = true
    /// What WorkingElsewhere reads as for a request older than Exchange2013 (`EWSConfiguration`).
    var workingElsewhere = "Busy"

    /// Properties FindItem does not return: asking for them is ErrorInvalidPropertyRequest.
    static let notInFindItem: Set<String> = [
        "item:Body", "item:TextBody", "item:UniqueBody", "item:MimeContent", "item:Attachments",
        "calendar:Recurrence", "calendar:RequiredAttendees", "calendar:OptionalAttendees", "calendar:Resources",
        "calendar:ModifiedOccurrences", "calendar:DeletedOccurrences", "calendar:ConflictingMeetings",
        "calendar:AdjacentMeetings", "calendar:FirstOccurrence", "calendar:LastOccurrence",
    ]
}
