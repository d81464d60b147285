/// One change of a calendar, as a change page reports it.
public enum CalendarChange: Sendable, Hashable {
    /// The event exists with this content (new or changed).
    case upsert(ExternalEvent)
    /// The event was deleted, or left the window. Ids the engine does not know are ignored.
    case removed(id: String)
}
