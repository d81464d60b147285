import CalSyncCore
import Foundation

/// The suite every calendar provider must pass, whatever system it talks to (vdirsyncer's `StorageTests` is the
/// model): each check makes a fresh subject with `make`, seeds it through the side door, drives the provider
/// through `CalendarProvider` only, and throws `ConformanceFailure` when the provider breaks the contract. What a
/// check expects follows the provider's `capabilities` (change tracking, recurrence expansion, idempotent create),
/// never its name.
///
///     @Test(arguments: ConformanceCheck.allCases)
///     func conforms(_ check: ConformanceCheck) async throws {
///         try await ProviderConformance { InMemoryConformanceSubject() }.run(check)
///     }
public struct ProviderConformance: Sendable {
    public typealias Maker = @Sendable () async throws -> any ConformanceSubject

    let make: Maker

    public init(_ make: @escaping Maker) { self.make = make }

    /// Runs one check on a fresh subject, and shuts the subject down whatever happens.
    public func run(_ check: ConformanceCheck) async throws {
        let subject = try await make()
        let probe = ConformanceProbe(check: check, subject: subject)
        do {
            try await Self.body(of: check)(probe)
        } catch {
            await subject.shutDown()
            throw error
        }
        await subject.shutDown()
    }

    /// Runs every check, each on its own subject; throws the first failure.
    public func runAll() async throws {
        for check in ConformanceCheck.allCases { try await run(check) }
    }

    static func body(of check: ConformanceCheck) -> @Sendable (ConformanceProbe) async throws -> Void {
        switch check {
        case .directory: return directory
        case .zone: return zone
        case .noCalendar: return noCalendar
        case .listingThenChanges: return listingThenChanges
        case .eventStates: return eventStates
        case .expiredCursor: return expiredCursor
        case .writes: return writes
        case .ambiguousCreate: return ambiguousCreate
        case .recurrence: return recurrence
        case .allDay: return allDay
        case .throttling: return throttling
        }
    }

    // MARK: - The calendar the checks use

    /// March 2026 and the beginning of April (Europe's DST change on March 29 inside), six weeks from Monday 2 March.
    static let window = TimeRange(start: instant("2026-03-02T00:00", "UTC"), end: instant("2026-04-13T00:00", "UTC"))

    /// The instant of a wall-clock time (`YYYY-MM-DDTHH:MM`) in an IANA zone.
    static func instant(_ wallClock: String, _ zone: String) -> Date {
        LocalDateTime(wallClock)!.instant(in: TimeZone(identifier: zone)!)
    }

    static func date(_ text: String) -> LocalDate { LocalDate(text)! }

    /// A timed span between two wall-clock times of one zone.
    static func timed(_ start: String, _ end: String, _ zone: String) -> EventTime {
        .timed(TimeRange(start: instant(start, zone), end: instant(end, zone)), zone: zone)
    }

    /// What CalSync pushes: a tagged, categorised event.
    static func outgoing(_ subject: String, _ time: EventTime, zone: String, tag: String, location: String? = "Room 1")
        -> OutgoingEvent
    {
        OutgoingEvent(
            subject: subject, bodyText: "Pushed by the conformance suite.", location: location, time: time, zone: zone,
            showAs: .busy, isReminderOn: false, categories: [EventTag.category], tag: tag)
    }

    /// A tag value as CalSync writes it, for one made-up item.
    static func tag(_ item: String) -> String {
        EventTag.value(
            for: PushKey(integrationId: "conformance", itemKind: .event, itemId: item, instructorId: "instructor-1"))
    }
}
