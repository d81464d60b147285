import CalSyncCore
import Foundation

/// The body of `POST /v1/availability/search` (docs/api.md, "Availability and conflicts"):
/// `{ "from", "to", "instructorIds": [...] | null, "establishment": null | "x", "minFreeMinutes": null | N }`.
/// Every rule broken answers 422 naming the field.
struct AvailabilitySearchInput: Sendable, Equatable {
    static let fields: Set<String> = ["from", "to", "instructorIds", "establishment", "minFreeMinutes"]
    static let maxInstructors = 1_000
    /// The longest stretch a window can hold: 366 days.
    static let maxMinutes = TimeWindowInput.maxDays * 24 * 60

    var window: TimeWindowInput
    /// The people asked about, in order, without repeats; nil = everyone (of `establishment` when given).
    var instructorIds: [String]?
    /// Only people of this establishment; nil = any.
    var establishment: String?
    /// Qualify people with a free stretch of at least this many minutes instead of the whole window free.
    var minFreeMinutes: Int?

    init(body: JSONInput) throws {
        try body.allowOnly(Self.fields)
        window = try TimeWindowInput(body: body)
        if let ids = try body.stringArray("instructorIds", maxCount: Self.maxInstructors, maxLength: 128) {
            var seen = Set<String>()
            var unique: [String] = []
            for (index, id) in ids.enumerated() {
                _ = try ResourceID.require(id, field: "\(body.name("instructorIds"))[\(index)]")
                if seen.insert(id).inserted { unique.append(id) }
            }
            instructorIds = unique
        }
        establishment = try body.string("establishment", maxLength: 128)
        minFreeMinutes = try body.int("minFreeMinutes", in: 1...Self.maxMinutes)
    }
}
