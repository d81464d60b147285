import CalSyncCore
import Foundation

/// A zone's rules for one year in the shape of a Windows time zone definition: a standard period, a daylight one if
/// the zone has daylight saving time, and the two yearly transitions as "the Nth (or last) weekday of a month at a
/// local time" (`t:RecurringDayTransition`).
struct WindowsZoneRules: Sendable {
    struct Transition: Sendable {
        var toDaylight: Bool
        var timeOffsetMinutes: Int
        var month: Int
        var weekday: Int
        var occurrence: Int
    }

    var standardOffsetMinutes: Int
    var daylightOffsetMinutes: Int?
    var transitions: [Transition]

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    init(zone: TimeZone, year: Int) {
        let start = LocalDate(year: year, month: 1, day: 1)!.startOfDay(in: TimeZone(identifier: "UTC")!)
        let end = LocalDate(year: year + 1, month: 1, day: 1)!.startOfDay(in: TimeZone(identifier: "UTC")!)
        var found: [(Date, Int, Int)] = []
        var cursor = start
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end, found.count < 4 {
            found.append((next, zone.secondsFromGMT(for: next.addingTimeInterval(-1)), zone.secondsFromGMT(for: next)))
            cursor = next
        }
        let offsets = found.flatMap { [$0.1, $0.2] } + [zone.secondsFromGMT(for: start)]
        let standard = (offsets.min() ?? 0) / 60
        standardOffsetMinutes = standard
        guard found.count >= 2, let daylight = offsets.max().map({ $0 / 60 }), daylight != standard else {
            daylightOffsetMinutes = nil
            transitions = []
            return
        }
        daylightOffsetMinutes = daylight
        transitions = found.prefix(2).map { instant, before, after in
            // The wall-clock time just before the change, as Windows states a transition.
            let wall = LocalDateTime(instant, in: TimeZone(secondsFromGMT: before)!)
            let daysInMonth = ItemRecurrence.clampedDate(year: wall.date.year, month: wall.date.month, day: 31)?.day ?? 31
            let occurrence = wall.date.day + 7 > daysInMonth ? -1 : (wall.date.day - 1) / 7 + 1
            return Transition(
                toDaylight: after > before, timeOffsetMinutes: wall.hour * 60 + wall.minute, month: wall.date.month,
                weekday: wall.date.isoWeekday, occurrence: occurrence)
        }
    }

    /// Bias as Windows writes it: minutes to add to local time to get UTC, as an xs:duration (`-PT60M`).
    static func bias(_ offsetMinutes: Int) -> String {
        let bias = -offsetMinutes
        return (bias < 0 ? "-" : "") + "PT\(abs(bias))M"
    }

    func write(id: String, to xml: inout XMLWriter) {
        let standardId = "trule:Microsoft/Registry/\(id)/Standard"
        let daylightId = "trule:Microsoft/Registry/\(id)/Daylight"
        xml.element("t:Periods") { xml in
            xml.empty("t:Period", [("Bias", Self.bias(standardOffsetMinutes)), ("Name", "Standard"), ("Id", standardId)])
            if let daylightOffsetMinutes {
                xml.empty("t:Period", [("Bias", Self.bias(daylightOffsetMinutes)), ("Name", "Daylight"), ("Id", daylightId)])
            }
        }
        xml.element("t:TransitionsGroups") { xml in
            xml.element("t:TransitionsGroup", [("Id", "0")]) { xml in
                if transitions.isEmpty {
                    xml.element("t:Transition") { xml in xml.element("t:To", standardId, [("Kind", "Period")]) }
                }
                for transition in transitions {
                    xml.element("t:RecurringDayTransition") { xml in
                        xml.element("t:To", transition.toDaylight ? daylightId : standardId, [("Kind", "Period")])
                        xml.element("t:TimeOffset", "PT\(transition.timeOffsetMinutes)M")
                        xml.element("t:Month", String(transition.month))
                        xml.element("t:DayOfWeek", Self.weekdays[transition.weekday - 1])
                        xml.element("t:Occurrence", String(transition.occurrence))
                    }
                }
            }
        }
        xml.element("t:Transitions") { xml in
            xml.element("t:Transition") { xml in xml.element("t:To", "0", [("Kind", "Group")]) }
        }
    }
}
