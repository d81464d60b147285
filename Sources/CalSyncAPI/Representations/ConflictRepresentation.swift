import CalSyncCore
import Foundation

/// A conflict as the API shows it (docs/api.md, "Availability and conflicts"):
/// `{ "instructorId", "eventId", "eventStart", "eventEnd", "with": { "kind", "start", "end", "ref" } }`.
enum ConflictRepresentation {
    static func json(_ conflict: Conflict) -> [String: Any] {
        [
            "instructorId": conflict.instructorId,
            "eventId": conflict.eventId,
            "eventStart": Timestamp.format(conflict.eventRange.start),
            "eventEnd": Timestamp.format(conflict.eventRange.end),
            "with": [
                "kind": conflict.withKind.rawValue,
                "start": Timestamp.format(conflict.withRange.start),
                "end": Timestamp.format(conflict.withRange.end),
                "ref": conflict.withRef.map { $0 as Any } ?? jsonNull,
            ] as [String: Any],
        ]
    }

    /// The other side of a conflict as a training event's `sync[].conflicts` lists it (docs/api.md,
    /// "Training events"): `{ "kind", "start", "end", "ref" }`.
    static func with(_ conflict: Conflict) -> [String: Any] {
        [
            "kind": conflict.withKind.rawValue, "start": conflict.withRange.start, "end": conflict.withRange.end,
            "ref": conflict.withRef as Any,
        ]
    }

    /// The paging key: person, event start, event, then the other side; fixed-width instants so text order
    /// is time order.
    static func key(_ conflict: Conflict) -> String {
        [
            conflict.instructorId, sortable(conflict.eventRange.start), conflict.eventId, sortable(conflict.withRange.start),
            sortable(conflict.withRange.end), conflict.withKind.rawValue, conflict.withRef ?? "",
        ].joined(separator: "\u{1F}")
    }

    /// Milliseconds shifted to be non-negative from year 1 on, zero-padded to 16 digits.
    static func sortable(_ instant: Date) -> String {
        let ms = Int64((instant.timeIntervalSince1970 * 1000).rounded()) + 62_135_596_800_000
        let digits = String(max(0, ms))
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }
}
