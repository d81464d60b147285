import CalSyncCore

/// A calendar system under the conformance suite: the provider under test, and the system's side door to set up
/// what people do with their own calendar apps and what goes wrong on the server. A fresh subject (an empty
/// directory, no faults) is made for each check.
public protocol ConformanceSubject: Sendable {
    /// The provider under test, talking to this system.
    var provider: any CalendarProvider { get }
    /// Adds a directory user (with a calendar unless `hasCalendar` is false); the answer's `id` is their calendar.
    func addPerson(_ person: SeededPerson) async throws -> DirectoryUser
    /// Adds the person's own event (a series: the whole series) and returns its id.
    func add(_ event: PersonEvent, to calendar: CalendarID) async throws -> String
    /// Rewrites the person's event as their calendar app does.
    func change(_ id: String, in calendar: CalendarID, to event: PersonEvent) async throws
    /// Deletes the person's event (a series: the whole series).
    func remove(_ id: String, from calendar: CalendarID) async throws
    /// How many stored items of the calendar carry this tag value (two would be a duplicated create).
    func itemCount(tag: String, in calendar: CalendarID) async throws -> Int
    /// Every change cursor handed out so far can no longer be followed.
    func expireCursors() async throws
    /// From now until `clearFaults`, every request the provider sends is refused as throttled with this
    /// Retry-After, without effect.
    func throttle(retryAfter: Double) async throws
    /// From now until `clearFaults`, every create is committed, then answered as a timeout.
    func failCreatesAfterCommit() async throws
    func clearFaults() async throws
    /// Ends what the subject started (servers, clients).
    func shutDown() async
}
