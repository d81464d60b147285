import Foundation

/// A half-open interval of time [start, end).
public struct TimeRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    public var duration: TimeInterval { end.timeIntervalSince(start) }
    public var isEmpty: Bool { end <= start }

    /// True when the two ranges share some time (touching ends do not overlap).
    public func overlaps(_ other: TimeRange) -> Bool { start < other.end && other.start < end }

    public func contains(_ instant: Date) -> Bool { start <= instant && instant < end }

    /// True when all of `other` lies within this range (an empty `other` lies anywhere).
    public func contains(_ other: TimeRange) -> Bool { other.isEmpty || (start <= other.start && other.end <= end) }

    /// The time both ranges share; nil when they share none.
    public func intersection(_ other: TimeRange) -> TimeRange? {
        let shared = TimeRange(start: max(start, other.start), end: min(end, other.end))
        return shared.isEmpty ? nil : shared
    }

    public var description: String { "[\(Timestamp.format(start)), \(Timestamp.format(end)))" }
}
