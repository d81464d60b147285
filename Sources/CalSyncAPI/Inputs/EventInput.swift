import CalSyncCore
import Foundation

/// The body of `PUT /v1/events/{id}` (docs/api.md, "Training events"), validated field by field:
/// `{ "title", "start", "end", "timeZone", "location"?, "description"?, "status"?, "instructorIds"? }`.
/// Every rule broken answers 422 naming the field.
struct EventInput: Sendable, Equatable {
    static let fields: Set<String> = [
        "title", "start", "end", "timeZone", "location", "description", "status", "instructorIds",
    ]
    /// Calendar systems keep at most 255 characters of an event's subject (Microsoft 365's limit).
    static let maxTitleLength = 255
    static let maxLocationLength = 1_000
    static let maxDescriptionLength = 10_000
    /// A training session lasts at most 31 days.
    static let maxDuration: TimeInterval = 31 * 86_400
    static let maxInstructors = 100
    /// Instants outside 1970–8999 are refused: nobody schedules a session there, and every zone can
    /// show the ones inside as a four-digit year (the calendar and the output formats need one).
    static let earliest = Date(timeIntervalSince1970: 0)
    /// 9000-01-01T00:00:00Z.
    static let latest = Date(timeIntervalSince1970: 221_845_392_000)

    var id: String
    var title: String
    var start: Date
    var end: Date
    var timeZone: String
    var location: String?
    var description: String?
    var status: TrainingEvent.Status
    /// The people assigned, in the order given; nil when the body left the field out (the current
    /// assignments are then kept, so assignments can be managed through the per-person routes alone).
    var instructorIds: [String]?

    /// Reads and validates the body for the event with path id `id` (422 when the id is not a scheduler id).
    init(id: String, body: JSONInput) throws {
        self.id = try ResourceID.require(id)
        try body.allowOnly(Self.fields)
        title = try body.requiredString("title", maxLength: Self.maxTitleLength)
        start = try Self.instant(body, "start")
        end = try Self.instant(body, "end")
        guard end > start else {
            throw APIError.invalid(body.name("end"), "`\(body.name("end"))` must be after `\(body.name("start"))`.")
        }
        guard end.timeIntervalSince(start) <= Self.maxDuration else {
            throw APIError.invalid(body.name("end"), "A training event lasts at most 31 days; `end` is too far after `start`.")
        }
        timeZone = try body.required("timeZone") { try body.timeZone($0) }
        location = try Self.optionalText(body, "location", maxLength: Self.maxLocationLength)
        description = try Self.optionalText(body, "description", maxLength: Self.maxDescriptionLength)
        status = try Self.status(body)
        instructorIds = try Self.instructorIds(body)
    }

    /// The event to save; without `instructorIds` in the body, `existing`'s assignments are kept.
    func event(existing: TrainingEvent?) -> TrainingEvent {
        TrainingEvent(
            id: id, title: title, start: start, end: end, timeZone: timeZone, location: location,
            description: description, status: status,
            instructorIds: instructorIds ?? existing?.instructorIds ?? [])
    }

    // MARK: - Field readers

    /// A required RFC 3339 instant with an offset, between `earliest` and `latest`.
    static func instant(_ body: JSONInput, _ key: String) throws -> Date {
        let instant = try body.required(key) { try body.instant($0) }
        guard instant >= earliest, instant <= latest else {
            throw APIError.invalid(body.name(key), "`\(body.name(key))` must be between 1970 and 8999.")
        }
        return instant
    }

    /// A free text that may be absent, null or empty (all three mean "none").
    static func optionalText(_ body: JSONInput, _ key: String, maxLength: Int) throws -> String? {
        guard let text = try body.string(key, maxLength: maxLength, allowEmpty: true) else { return nil }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
    }

    static func status(_ body: JSONInput) throws -> TrainingEvent.Status {
        guard let text = try body.string("status", maxLength: 64) else { return .scheduled }
        guard let status = TrainingEvent.Status(rawValue: text) else {
            throw APIError.invalid(body.name("status"), "`\(body.name("status"))` must be one of: scheduled, cancelled.")
        }
        return status
    }

    /// Unique scheduler ids, at most 100 (that each names a known person is checked against the store when saving).
    static func instructorIds(_ body: JSONInput) throws -> [String]? {
        guard let ids = try body.stringArray("instructorIds", maxCount: maxInstructors, maxLength: 1_000) else { return nil }
        var seen = Set<String>()
        for (index, id) in ids.enumerated() {
            let field = "\(body.name("instructorIds"))[\(index)]"
            _ = try ResourceID.require(id, field: field)
            guard seen.insert(id).inserted else {
                throw APIError.invalid(field, "`\(field)` repeats `\(id)`; give each instructor once.")
            }
        }
        return ids
    }
}
