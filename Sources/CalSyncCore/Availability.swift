import Foundation

/// A person's availability over a window [from, to): what keeps them busy and the free time left.
///
/// Pure interval arithmetic (docs/api.md, availability): `busy` is every interval overlapping the window, clipped
/// to it and sorted; `free` is the known part of the window minus the union of `busy`, where overlapping and
/// touching intervals merge. Which time is known (the person's calendar read and in step, see `SyncWindow.known`)
/// is the caller's to say: busy time is listed everywhere, free time only where it is known.
public struct Availability: Sendable, Hashable {
    public let window: TimeRange
    /// The part of the window where the person's calendar is known; nil when none of it is.
    public let known: TimeRange?
    /// The intervals overlapping the window, clipped to it, in `BusyInterval.precedes` order.
    public let busy: [BusyInterval]
    /// The known part minus the busy time: sorted, disjoint, never touching, never empty; none when nothing is known.
    public let free: [TimeRange]

    /// The arithmetic alone: the whole window is taken as known.
    public init(window: TimeRange, busy intervals: [BusyInterval]) {
        self.init(window: window, busy: intervals, known: window)
    }

    /// - Parameter known: the time over which the person's calendar is known (it may reach beyond the window);
    ///   nil when it is known nowhere.
    public init(window: TimeRange, busy intervals: [BusyInterval], known: TimeRange?) {
        self.window = window
        self.known = known.flatMap { window.intersection($0) }
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
        free = self.known.map { Self.subtract(clipped.map(\.range), from: $0) } ?? []
    }

    /// True when the whole of a non-empty window is known.
    public var isWhollyKnown: Bool { known == window }

    /// True when the whole of a non-empty window is known and nothing keeps the person busy at any moment of it.
    public var isFreeForWholeWindow: Bool { isWhollyKnown && busy.isEmpty }

    /// The longest free stretch, in seconds (0 when there is none).
    public var longestFree: TimeInterval { free.map(\.duration).max() ?? 0 }

    /// The `minFreeMinutes` rule of the availability search: some free stretch of the known part lasts at least
    /// `minutes`.
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
