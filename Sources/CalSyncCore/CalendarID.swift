/// The calendar system's id of one person's calendar (a directory user id, an e-mail address, a calendar URL).
/// Opaque to the engine: it is only handed back to the same provider.
public typealias CalendarID = String
