import Foundation

/// A person's availability over a window [from, to): what keeps them busy and the free time left.
///
/// Pure interval arithmetic (docs/product-rules.md, "Serve"): `busy` is every interval overlapping the window, clipped
/// to it and sorted; `free` is the window minus the union of `busy`, where overlapping and touching
/// intervals merge. Whether free time may be *claimed* depends on the person's sync status
/// (docs/product-rules.md, "Availability answers fail closed"): that decision belongs to the caller.
public struct Availability: Sendable, Hashable {
    public let window: TimeRange
    /// The intervals overlapping the window, clipped to it, in `BusyInterval.precedes` order.
    public let busy: [BusyInterval]
    /// The window minus the busy time: sorted, disjoint, never touching, never empty.
    public let free: [TimeRange]

    public init(window: TimeRange, busy intervals: [BusyInterval]) {
        self.window = window
        var clipped: [BusyInterval] = []
        clipped.reserveCapacity(intervals.count)
        if !window.isEmpty {
            for interval in intervals
            where interval.start < interval.end && interval.start < window.end && window.start < interval.end {
                var cut = interval
                cut.start = max(interval.start, window.start)
                cut.end = min(interval.end, window.end)
                clipped.append(cut)
            }
        }
        clipped.sort(by: BusyInterval.precedes)
        busy = clipped
        free = Self.subtract(clipped.map(\.range), from: window)
    }

    /// True when nothing keeps the person busy at any moment of a non-empty window.
    public var isFreeForWholeWindow: Bool { !window.isEmpty && busy.isEmpty }

    /// The longest free stretch, in seconds (0 when there is none).
    public var longestFree: TimeInterval { free.map(\.duration).max() ?? 0 }

    /// The `minFreeMinutes` rule of the availability search: some free stretch lasts at least `minutes`.
    public func hasFreeStretch(minutes: Int) -> Bool {
        let needed = TimeInterval(minutes) * 60
        return free.contains { $0.duration >= needed }
    }

    // MARK: - Interval arithmetic

    /// The union of `ranges`: sorted, with overlapping and touching ranges merged; empty ranges dropped.
    public static func union(_ ranges: [TimeRange]) -> [TimeRange] {
        let sorted = ranges.filter { !$0.isEmpty }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var merged: [TimeRange] = []
        merged.reserveCapacity(sorted.count)
        for range in sorted {
            if let last = merged.last, range.start <= last.end {
                merged[merged.count - 1].end = max(last.end, range.end)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// `window` minus the union of `busy`: the gaps, in order.
    public static func subtract(_ busy: [TimeRange], from window: TimeRange) -> [TimeRange] {
        guard !window.isEmpty else { return [] }
        var gaps: [TimeRange] = []
        var cursor = window.start
        for range in union(busy) {
            guard range.end > window.start else { continue }
            guard range.start < window.end else { break }
            if range.start > cursor { gaps.append(TimeRange(start: cursor, end: range.start)) }
            cursor = max(cursor, range.end)
            if cursor >= window.end { break }
        }
        if cursor < window.end { gaps.append(TimeRange(start: cursor, end: window.end)) }
        return gaps
    }
}
