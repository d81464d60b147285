/// One check of the provider conformance suite (`ProviderConformance.run(_:)`).
public enum ConformanceCheck: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The directory answers for people's addresses (primary, alias, any case); the matcher finds each person.
    case directory
    /// A calendar's zone comes back as an IANA name of the person's zone; an unknown calendar is refused.
    case zone
    /// A person without a calendar is in the directory, and calendar calls about them fail as `.noCalendar`.
    case noCalendar
    /// A full listing of the window, then incremental rounds: new, changed, deleted and moved-out events; an idle
    /// round reports nothing.
    case listingThenChanges
    /// How the person shows each event (free, tentative, away, elsewhere) and whether they declined it or it was
    /// cancelled come through the listing as they are.
    case eventStates
    /// An expired cursor throws `.cursorExpired`; a full listing starts again without it.
    case expiredCursor
    /// Create, read back (time, tag, label), find by tag, update, delete; a gone event is `.notFound` everywhere.
    case writes
    /// A create that committed then failed is `.transient` with an unknown outcome; the tag finds the event and a
    /// retry with the same key (where the system keeps keys) makes no second event.
    case ambiguousCreate
    /// Daily and weekly series are listed as occurrences (keeping their wall-clock time across a DST change) or as
    /// masters, as the capabilities say; deleting a series removes it from the listing.
    case recurrence
    /// All-day events are dates, read and written without a shift, whatever the calendar's zone.
    case allDay
    /// A throttled request fails as `.throttled` with the server's Retry-After and changes nothing; after the
    /// wait, calls succeed.
    case throttling

    public var description: String { rawValue }
}
