/// An event CalSync wants in a person's calendar.
public struct DesiredEvent: Sendable, Hashable {
    public var key: PushKey
    /// The calendar it belongs in.
    public var calendarId: CalendarID
    public var event: OutgoingEvent
    /// The event's fingerprint as the integration's calendar system stores it (`ProviderVocabulary.fingerprint(of:)`).
    public var fingerprint: String

    public init(key: PushKey, calendarId: CalendarID, event: OutgoingEvent, fingerprint: String) {
        self.key = key
        self.calendarId = calendarId
        self.event = event
        self.fingerprint = fingerprint
    }
}

/// One step that brings a calendar to the desired state.
public enum PushAction: Sendable, Hashable {
    /// Create (or finish an ambiguous earlier create of) the event.
    case create(DesiredEvent, existing: EventMapping?)
    /// The event exists with other content.
    case update(DesiredEvent, mapping: EventMapping)
    /// The event must go (item deleted, cancelled, unassigned, person moved to another calendar).
    case delete(EventMapping)

    public var key: PushKey {
        switch self {
        case .create(let d, _), .update(let d, _): d.key
        case .delete(let m): m.key
        }
    }

    /// The calendar the action writes to.
    public var calendarId: CalendarID {
        switch self {
        case .create(let d, _), .update(let d, _): d.calendarId
        case .delete(let m): m.calendarId
        }
    }
}

/// Compares desired events with the mapped ones (pure; docs/product-rules.md "Push rules").
public enum PushPlanner {
    /// - Parameter managedInstructorIds: people whose pushed events CalSync may delete. Mappings of
    ///   others (sync disabled, match lost) are left untouched, so their events stay.
    public static func plan(desired: [DesiredEvent], mappings: [EventMapping], managedInstructorIds: Set<String>)
        -> [PushAction]
    {
        var byKey: [PushKey: EventMapping] = [:]
        for mapping in mappings { byKey[mapping.key] = mapping }
        var actions: [PushAction] = []
        var wanted = Set<PushKey>()
        for item in desired {
            wanted.insert(item.key)
            guard let mapping = byKey[item.key] else {
                actions.append(.create(item, existing: nil))
                continue
            }
            if mapping.calendarId != item.calendarId {
                // The person now has another calendar: delete there, create here.
                actions.append(.delete(mapping))
                actions.append(.create(item, existing: nil))
            } else if mapping.externalId == nil {
                actions.append(.create(item, existing: mapping))
            } else if mapping.fingerprint != item.fingerprint {
                actions.append(.update(item, mapping: mapping))
            }
        }
        for mapping in mappings where !wanted.contains(mapping.key) && managedInstructorIds.contains(mapping.key.instructorId) {
            actions.append(.delete(mapping))
        }
        return actions
    }
}
