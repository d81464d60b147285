/// What a calendar system can do, so the engine can rely on it or make up for it.
public struct ProviderCapabilities: Sendable, Hashable {
    /// How changes are reported.
    public enum ChangeTracking: String, Sendable, Hashable {
        /// A cursor bound to the window it was started over: a new window needs a full listing.
        case windowed
        /// A cursor over the whole calendar, whatever the window: events outside the window come and go in it.
        case unbounded
        /// The cursor only says that something changed: the provider lists the window again (a full listing).
        case detectThenRelist
    }

    /// How a create that may or may not have happened (a timeout) is made safe to repeat.
    public enum IdempotentCreate: String, Sendable, Hashable {
        /// The system accepts a key that makes a repeated create return the first event; the tag finds it too.
        case keyThenTagLookup
        /// CalSync chooses the event's id: a repeated create is refused as a duplicate.
        case clientChosenId
        /// Only a search for CalSync's tag finds an event created by an ambiguous attempt.
        case tagLookup
    }

    /// What the in-flight limit counts.
    public enum InFlightScope: String, Sendable, Hashable {
        /// Requests to one person's calendar.
        case calendar
        /// Requests of the whole connection (one account acting for everyone).
        case account
    }

    public var changeTracking: ChangeTracking
    /// Whether change pages list each occurrence of a recurring series (rather than only the series).
    public var expandsRecurrences: Bool
    public var idempotentCreate: IdempotentCreate
    /// Requests in flight at once per `inFlightScope`.
    public var inFlightLimit: Int
    public var inFlightScope: InFlightScope

    public init(
        changeTracking: ChangeTracking, expandsRecurrences: Bool, idempotentCreate: IdempotentCreate,
        inFlightLimit: Int, inFlightScope: InFlightScope
    ) {
        self.changeTracking = changeTracking
        self.expandsRecurrences = expandsRecurrences
        self.idempotentCreate = idempotentCreate
        self.inFlightLimit = inFlightLimit
        self.inFlightScope = inFlightScope
    }
}
