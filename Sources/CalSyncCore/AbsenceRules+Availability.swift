import Foundation

extension AbsenceRules {
    /// The zone an absence's days and hours are read in: the calendar's own zone once known, else the zone
    /// the scheduler gave for the person, else UTC.
    public static func calendarZone(calendarTimeZone: String?, personTimeZone: String?) -> TimeZone {
        for name in [calendarTimeZone, personTimeZone] {
            if let name, let zone = TimeZone(identifier: name) { return zone }
        }
        return TimeZone(identifier: "UTC")!
    }

    /// The busy time an absence stands for in availability answers (docs/product-rules.md: "absences count as
    /// unavailability, pending ones as tentative"): one interval per calendar segment, kind `absence`,
    /// referring to the absence. Cancelled and denied absences, and remote work (the person works, shown
    /// as free in the calendar), keep no one busy.
    public static func busyIntervals(for absence: Absence, settings: SyncSettings, zone: TimeZone) -> [BusyInterval] {
        guard absence.isActive, !absence.account.remoteWork else { return [] }
        let show = showAs(for: absence, settings: settings)
        return segments(of: absence, settings: settings).map { segment in
            let range = segment.range(in: zone)
            let allDay: Bool
            if case .allDay = segment.shape { allDay = true } else { allDay = false }
            return BusyInterval(
                start: range.start, end: range.end, kind: .absence, showAs: show, isAllDay: allDay,
                ref: absence.id)
        }
    }
}
