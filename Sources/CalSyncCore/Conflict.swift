import Foundation

/// One conflict of an assignment (docs/product-rules.md, "Detect conflicts"): a training event a person is assigned to
/// overlaps something else that keeps them busy. The API shows it as
/// `{ "instructorId", "eventId", "eventStart", "eventEnd", "with": { "kind", "start", "end", "ref" } }`.
public struct Conflict: Sendable, Hashable {
    public var instructorId: String
    /// The assignment's training event.
    public var eventId: String
    public var eventRange: TimeRange
    /// `external` (a busy block of the person's own calendar), `training` (another of their assignments) or
    /// `absence`.
    public var withKind: BusyInterval.Kind
    public var withRange: TimeRange
    /// The other training event's or the absence's id; nil for external blocks (their ids are the calendar's).
    public var withRef: String?

    public init(
        instructorId: String, eventId: String, eventRange: TimeRange, withKind: BusyInterval.Kind,
        withRange: TimeRange, withRef: String? = nil
    ) {
        self.instructorId = instructorId
        self.eventId = eventId
        self.eventRange = eventRange
        self.withKind = withKind
        self.withRange = withRange
        self.withRef = withRef
    }

    /// Answer order: by the assignment (start, then event id), then the other side (start; external, absence,
    /// training; end; ref), so equal inputs always list the same way.
    public static func precedes(_ a: Conflict, _ b: Conflict) -> Bool {
        if a.eventRange.start != b.eventRange.start { return a.eventRange.start < b.eventRange.start }
        if a.eventId != b.eventId { return a.eventId < b.eventId }
        if a.withRange.start != b.withRange.start { return a.withRange.start < b.withRange.start }
        if a.withKind != b.withKind { return rank(a.withKind) < rank(b.withKind) }
        if a.withRange.end != b.withRange.end { return a.withRange.end < b.withRange.end }
        return (a.withRef ?? "") < (b.withRef ?? "")
    }

    static func rank(_ kind: BusyInterval.Kind) -> Int {
        switch kind {
        case .external: 0
        case .absence: 1
        case .training: 2
        }
    }
}
