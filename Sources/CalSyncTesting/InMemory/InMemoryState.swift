import CalSyncCore

/// Everything the in-memory provider holds, behind its lock.
struct InMemoryState: Sendable {
    /// Directory users in the order they were added.
    var users: [DirectoryUser] = []
    /// The calendars of the users who have one.
    var calendars: [CalendarID: InMemoryCalendar] = [:]
    /// Cursors handed out, by token; expiring them empties this.
    var cursors: [String: InMemoryCursor] = [:]
    var faults: [InMemoryFault] = []
    var calls: [ProviderCall] = []
    /// Requests in flight per in-flight scope key, and the most seen at once.
    var inFlight: [String: Int] = [:]
    var maxInFlight = 0
    private var counter = 0

    /// A new id: `<prefix>-<n>`, never reused.
    mutating func newId(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)-\(counter)"
    }

    /// Takes the first installed fault that applies (counting it down), if any.
    mutating func takeFault(_ operation: ProviderCall.Operation, calendar: CalendarID?, afterCommit: Bool) -> CalendarError? {
        guard let index = faults.firstIndex(where: { $0.applies(to: operation, calendar: calendar, afterCommit: afterCommit) })
        else { return nil }
        let error = faults[index].error
        if let remaining = faults[index].remaining {
            if remaining <= 1 { faults.remove(at: index) } else { faults[index].remaining = remaining - 1 }
        }
        return error
    }

    /// The calendar, or `.noCalendar` (`.notFound` for an id the directory does not know).
    func calendar(_ id: CalendarID) throws(CalendarError) -> InMemoryCalendar {
        if let calendar = calendars[id] { return calendar }
        if users.contains(where: { $0.id == id }) {
            throw CalendarError(.noCalendar, httpStatus: 404, providerCode: "noCalendar", message: "\(id) has no calendar")
        }
        throw CalendarError(.notFound, httpStatus: 404, providerCode: "unknownCalendar", message: "no calendar \(id)")
    }
}
