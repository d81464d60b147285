import CalSyncCore
import Foundation

extension PersonEvent {
    /// How a series repeats: every `interval` days or weeks, `count` times in all (always a finite series, so that a
    /// provider that reads a calendar without a window can list it).
    public struct Recurrence: Sendable, Hashable {
        public enum Frequency: String, Sendable, Hashable { case daily, weekly }

        public var frequency: Frequency
        public var interval: Int
        public var count: Int

        public init(_ frequency: Frequency = .daily, every interval: Int = 1, count: Int) {
            self.frequency = frequency
            self.interval = max(1, interval)
            self.count = max(1, count)
        }

        /// Days from one occurrence to the next.
        public var step: Int { frequency == .daily ? interval : 7 * interval }

        /// Every occurrence of a series that starts at `time`, keyed by its date (the date its start falls on in
        /// its own zone; an all-day occurrence's first day). Timed occurrences keep their wall-clock hours across
        /// daylight-saving changes, as calendar apps do.
        public func occurrences(of time: EventTime) -> [(date: LocalDate, time: EventTime)] {
            (0..<count).map { index in
                let days = index * step
                switch time {
                case .allDay(let first, let end):
                    return (first.adding(days: days), .allDay(first: first.adding(days: days), end: end.adding(days: days)))
                case .timed(let range, let zone):
                    let tz = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
                    let start = LocalDateTime(range.start, in: tz)
                    let moved = LocalDateTime(
                        date: start.date.adding(days: days), hour: start.hour, minute: start.minute, second: start.second)
                    let instant = moved.instant(in: tz)
                    let occurrence = TimeRange(start: instant, end: instant.addingTimeInterval(range.duration))
                    return (moved.date, .timed(occurrence, zone: zone))
                }
            }
        }
    }
}
