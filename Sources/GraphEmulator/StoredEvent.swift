import CalSyncCore
import Foundation

/// One event item in a mailbox: a single instance or a series master with its cancelled
/// occurrences and exceptions.
struct StoredEvent: Sendable {
    let id: String
    /// Creation order within the emulator, for stable listings.
    let sequence: Int
    /// Writable Graph properties as the client sent them (subject, body, showAs, categories, …).
    var properties: [String: EmulatorJSON]
    var start: EventTime
    var end: EventTime
    var isAllDay: Bool
    var recurrence: EventRecurrence?
    var extendedProperties: [ExtendedProperty]
    let transactionId: String?
    /// Canonical request body of the create, to tell a retry from a reuse of the transactionId.
    let transactionBody: String?
    let createdAt: Date
    var modifiedAt: Date
    /// Bumped on every change; feeds `changeKey` / `@odata.etag`.
    var version: Int
    /// The emulator-wide change counter when this item last changed (delta bookkeeping).
    var generation: Int
    /// Occurrence dates deleted from the series.
    var cancelledDates: Set<LocalDate>
    /// Occurrences edited individually (type `exception`), by original date.
    var exceptions: [LocalDate: OccurrenceOverride]
    /// True when created through `POST /events` (an appointment organised by the mailbox owner);
    /// false for events added through the tenant file or the side door.
    let createdViaGraph: Bool
    let iCalUId: String

    var changeKey: String { Self.changeKey(id: id, version: version) }

    static func changeKey(id: String, version: Int) -> String {
        let hex = Array(StableHash.hex("\(id)#\(version)"))
        var bytes: [UInt8] = []
        var i = 0
        while i + 1 < hex.count {
            bytes.append(UInt8(String(hex[i...i + 1]), radix: 16) ?? 0)
            i += 2
        }
        return Data(bytes).base64EncodedString()
    }

    /// The occupied interval of the master/single item itself.
    var interval: TimeRange { TimeRange(start: start.instant, end: end.instant) }

    var isSeriesMaster: Bool { recurrence != nil }
}

/// The edits made to one occurrence of a series (docs/microsoft-365.md §4: type `exception`).
struct OccurrenceOverride: Sendable {
    var properties: [String: EmulatorJSON]
    var start: EventTime?
    var end: EventTime?
    var version: Int
    var modifiedAt: Date
}
