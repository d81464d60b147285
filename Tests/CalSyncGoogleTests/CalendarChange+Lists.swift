import CalSyncCore

extension [CalendarChange] {
    var upserts: [ExternalEvent] {
        compactMap { if case .upsert(let event) = $0 { event } else { nil } }
    }
    var removedIds: [String] {
        compactMap { if case .removed(let id) = $0 { id } else { nil } }
    }
}
