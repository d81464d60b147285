import CalSyncCore

/// The in-memory provider under the conformance suite: its side door is the provider's own.
public struct InMemoryConformanceSubject: ConformanceSubject {
    public let memory: InMemoryCalendarProvider

    public init(_ memory: InMemoryCalendarProvider = InMemoryCalendarProvider()) { self.memory = memory }

    public var provider: any CalendarProvider { memory }

    public func addPerson(_ person: SeededPerson) async throws -> DirectoryUser { memory.addPerson(person) }

    public func add(_ event: PersonEvent, to calendar: CalendarID) async throws -> String {
        try memory.add(event, to: calendar)
    }

    public func change(_ id: String, in calendar: CalendarID, to event: PersonEvent) async throws {
        try memory.change(id, in: calendar, to: event)
    }

    public func remove(_ id: String, from calendar: CalendarID) async throws { try memory.remove(id, from: calendar) }

    public func itemCount(tag: String, in calendar: CalendarID) async throws -> Int {
        memory.items(in: calendar).count { $0.tag == tag }
    }

    public func expireCursors() async throws { memory.expireCursors() }

    public func throttle(retryAfter: Double) async throws { memory.install(.throttle(retryAfter: retryAfter)) }

    public func failCreatesAfterCommit() async throws { memory.install(.ambiguousCreate(times: nil)) }

    public func clearFaults() async throws { memory.clearFaults() }

    public func shutDown() async {}
}
