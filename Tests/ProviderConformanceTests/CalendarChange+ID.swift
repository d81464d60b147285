import CalSyncCore

extension CalendarChange {
    /// The id of the event the change is about.
    var id: String {
        switch self {
        case .upsert(let event): return event.id
        case .removed(let id): return id
        }
    }
}
