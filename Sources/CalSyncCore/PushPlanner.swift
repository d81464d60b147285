/// An event CalSync wants in a mailbox.
public struct DesiredEvent: Sendable, Hashable {
    public var key: PushKey
    /// The directory user id of the mailbox.
    public var calendarUserId: String
    public var event: OutgoingEvent

    public init(key: PushKey, calendarUserId: String, event: OutgoingEvent) {
        self.key = key
        self.calendarUserId = calendarUserId
        self.event = event
    }
}

/// One step that brings a mailbox to the desired state.
public enum PushAction: Sendable, Hashable {
    /// Create (or finish an ambiguous earlier create of) the event.
    case create(DesiredEvent, existing: EventMapping?)
    /// The event exists with other content.
    case update(DesiredEvent, mapping: EventMapping)
    /// The event must go (item deleted, cancelled, unassigned, person moved to another mailbox).
    case delete(EventMapping)

    public var key: PushKey {
        switch self {
        case .create(let d, _), .update(let d, _): d.key
        case .delete(let m): m.key
        }
    }

    /// The mailbox the action writes to.
    public var calendarUserId: String {
        switch self {
        case .create(let d, _), .update(let d, _): d.calendarUserId
        case .delete(let m): m.calendarUserId
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
            if mapping.calendarUserId != item.calendarUserId {
                // The person now has another mailbox: delete there, create here.
                actions.append(.delete(mapping))
                actions.append(.create(item, existing: nil))
            } else if mapping.externalId == nil {
                actions.append(.create(item, existing: mapping))
            } else if mapping.fingerprint != item.event.fingerprint {
                actions.append(.update(item, mapping: mapping))
            }
        }
        for mapping in mappings where !wanted.contains(mapping.key) && managedInstructorIds.contains(mapping.key.instructorId) {
            actions.append(.delete(mapping))
        }
        return actions
    }
}
