import Foundation

/// A user's primary calendar: its events (deleted ones included) in creation order and a change counter that every
/// write bumps, which sync tokens remember.
struct GoogleCalendar: Sendable {
    /// The owner's primary e-mail (the calendar id).
    let owner: String
    let zoneName: String
    let zone: TimeZone
    var events: [String: GoogleStoredEvent] = [:]
    var order: [String] = []
    var change = 0

    init(owner: String, zoneName: String) {
        self.owner = owner
        self.zoneName = zoneName
        self.zone = TimeZone(identifier: zoneName) ?? TimeZone(identifier: "UTC")!
    }

    mutating func nextChange() -> Int {
        change += 1
        return change
    }

    mutating func add(_ event: GoogleStoredEvent) {
        if events[event.id] == nil { order.append(event.id) }
        events[event.id] = event
    }
}
