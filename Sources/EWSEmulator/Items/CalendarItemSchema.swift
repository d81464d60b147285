/// The children of `t:CalendarItem` in the order the schema requires (types.xsd: the ItemType sequence, then the
/// CalendarItemType one), and what the emulator does with each when a request sets it.
enum CalendarItemSchema {
    /// ItemType, then CalendarItemType, in schema order.
    static let order: [String] = [
        "MimeContent", "ItemId", "ParentFolderId", "ItemClass", "Subject", "Sensitivity", "Body", "Attachments",
        "DateTimeReceived", "Size", "Categories", "Importance", "InReplyTo", "IsSubmitted", "IsDraft", "IsFromMe", "IsResend",
        "IsUnmodified", "InternetMessageHeaders", "DateTimeSent", "DateTimeCreated", "ResponseObjects", "ReminderDueBy",
        "ReminderIsSet", "ReminderNextTime", "ReminderMinutesBeforeStart", "DisplayCc", "DisplayTo", "DisplayBcc",
        "HasAttachments", "ExtendedProperty", "Culture", "EffectiveRights", "LastModifiedName", "LastModifiedTime",
        "IsAssociated", "WebClientReadFormQueryString", "WebClientEditFormQueryString", "ConversationId", "UniqueBody",
        "Flag", "StoreEntryId", "InstanceKey", "NormalizedBody", "EntityExtractionResult", "PolicyTag", "ArchiveTag",
        "RetentionDate", "Preview", "RightsManagementLicenseData", "PredictedActionReasons", "IsClutter", "BlockStatus",
        "HasBlockedImages", "TextBody", "IconIndex",
        "UID", "RecurrenceId", "DateTimeStamp", "Start", "End", "OriginalStart", "IsAllDayEvent", "LegacyFreeBusyStatus",
        "Location", "When", "IsMeeting", "IsCancelled", "IsRecurring", "MeetingRequestWasSent", "IsResponseRequested",
        "CalendarItemType", "MyResponseType", "Organizer", "RequiredAttendees", "OptionalAttendees", "Resources",
        "ConflictingMeetingCount", "AdjacentMeetingCount", "ConflictingMeetings", "AdjacentMeetings", "Duration",
        "TimeZone", "AppointmentReplyTime", "AppointmentSequenceNumber", "AppointmentState", "Recurrence",
        "FirstOccurrence", "LastOccurrence", "ModifiedOccurrences", "DeletedOccurrences", "MeetingTimeZone",
        "StartTimeZone", "EndTimeZone", "ConferenceType", "AllowNewTimeProposal", "IsOnlineMeeting",
        "MeetingWorkspaceUrl", "NetShowUrl", "EnhancedLocation", "StartWallClock", "EndWallClock", "StartTimeZoneId",
        "EndTimeZoneId", "IntendedFreeBusyStatus", "JoinOnlineMeetingUrl", "OnlineMeetingSettings", "IsOrganizer",
    ]

    static let position: [String: Int] = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })

    /// Properties a client may set; the rest are computed by the store and refused with ErrorInvalidPropertySet.
    static let writable: Set<String> = [
        "MimeContent", "Subject", "Sensitivity", "Body", "Attachments", "Categories", "Importance", "InReplyTo",
        "ReminderDueBy", "ReminderIsSet", "ReminderMinutesBeforeStart", "ExtendedProperty", "Culture", "UID", "Start", "End",
        "IsAllDayEvent", "LegacyFreeBusyStatus", "Location", "When", "IsResponseRequested", "RequiredAttendees",
        "OptionalAttendees", "Resources", "Recurrence", "MeetingTimeZone", "StartTimeZone", "EndTimeZone", "ConferenceType",
        "AllowNewTimeProposal", "IsOnlineMeeting", "MeetingWorkspaceUrl", "NetShowUrl", "EnhancedLocation",
    ]

    /// Properties DeleteItemField may remove (the store has a default or nothing for them).
    static let deletable: Set<String> = [
        "Subject", "Body", "Categories", "InReplyTo", "ReminderDueBy", "Culture", "Location", "When", "IsResponseRequested",
        "RequiredAttendees", "OptionalAttendees", "Resources", "Recurrence", "ConferenceType", "AllowNewTimeProposal",
        "MeetingWorkspaceUrl", "NetShowUrl", "EnhancedLocation", "Attachments", "MimeContent",
    ]

    static let sensitivities: Set<String> = ["Normal", "Personal", "Private", "Confidential"]
    static let importances: Set<String> = ["Low", "Normal", "High"]
    static let freeBusyStatuses: Set<String> = ["Free", "Tentative", "Busy", "OOF", "WorkingElsewhere", "NoData"]
    static let responseTypes: Set<String> = ["Unknown", "Organizer", "Tentative", "Accept", "Decline", "NoResponseReceived"]
}
