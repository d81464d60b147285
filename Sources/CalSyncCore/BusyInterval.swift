import Foundation

/// One reason a person is busy, as availability answers list it (docs/api.md, "Availability and
/// conflicts"): a block of their own calendar, a training assignment or an absence.
public struct BusyInterval: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A busy block pulled from the person's own calendar.
        case external
        /// A training event the person is assigned to.
        case training
        /// An absence (leave).
        case absence

        /// Order of kinds for intervals that start and end together.
        var rank: Int {
            switch self {
            case .external: 0
            case .training: 1
            case .absence: 2
            }
        }
    }

    public var start: Date
    public var end: Date
    public var kind: Kind
    /// Why the person is busy; training assignments are always `busy`.
    public var showAs: ShowAs
    public var isAllDay: Bool
    /// The training event's or absence's id; nil for external blocks (their ids are the calendar's, not ours).
    public var ref: String?

    public init(start: Date, end: Date, kind: Kind, showAs: ShowAs, isAllDay: Bool = false, ref: String? = nil) {
        self.start = start
        self.end = end
        self.kind = kind
        self.showAs = showAs
        self.isAllDay = isAllDay
        self.ref = ref
    }

    /// A pulled block: every stored block counts (the pull rules already left out what does not).
    public init(_ block: BusyBlock) {
        self.init(start: block.start, end: block.end, kind: .external, showAs: block.showAs, isAllDay: block.isAllDay)
    }

    /// A training assignment: shown as busy, timed, referring to the event.
    public init(training event: TrainingEvent) {
        self.init(start: event.start, end: event.end, kind: .training, showAs: .busy, isAllDay: false, ref: event.id)
    }

    public var range: TimeRange { TimeRange(start: start, end: end) }

    /// Answer order: by start, then end, kind and ref, so equal inputs always list the same way.
    public static func precedes(_ a: BusyInterval, _ b: BusyInterval) -> Bool {
        if a.start != b.start { return a.start < b.start }
        if a.end != b.end { return a.end < b.end }
        if a.kind != b.kind { return a.kind.rank < b.kind.rank }
        return (a.ref ?? "") < (b.ref ?? "")
    }
}
