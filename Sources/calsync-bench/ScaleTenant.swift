import CalSyncCore
import CalSyncHTTP
import Foundation
import GraphEmulator

/// The scale benchmark's tenant: `count` users, each with a realistic calendar in the sync window —
/// eight meetings over the next weeks (busy, tentative, one free), a weekly one-to-one for half a
/// year and one all-day day off. Deterministic: person `i` always gets the same calendar.
enum ScaleTenant {
    static func tenant(users count: Int, today: Date) -> EmulatorTenant {
        var tenant = BenchWorld.tenant(users: 0)
        tenant.users = (0..<count).map { i in
            EmulatorTenant.User(
                id: BenchWorld.userId(i), displayName: "Person \(i)", mail: BenchWorld.email(i),
                userPrincipalName: BenchWorld.email(i), mailboxTimeZone: "UTC", events: calendar(person: i, today: today))
        }
        return tenant
    }

    static func calendar(person i: Int, today: Date) -> [EmulatorJSON] {
        var events: [EmulatorJSON] = []
        let showAs = ["busy", "busy", "tentative", "busy", "free", "busy", "oof", "busy"]
        for k in 0..<8 {
            let day = (i * 7 + k * 5) % 56
            let hour = 8 + (i + k) % 9
            let start = today.addingTimeInterval(Double(day * 86_400 + hour * 3_600))
            events.append(meeting("Meeting \(k)", start: start, minutes: 30 + 30 * (k % 3), showAs: showAs[k]))
        }
        let firstMonday = day(today.addingTimeInterval(Double(((i % 5) + 1) * 86_400)))
        var oneToOne = meeting(
            "1:1", start: today.addingTimeInterval(Double(((i % 5) + 1) * 86_400 + 10 * 3_600)), minutes: 30,
            showAs: "busy")
        if case .object(var object) = oneToOne {
            object["recurrence"] = [
                "pattern": ["type": "weekly", "interval": 1, "daysOfWeek": [.string(weekday(firstMonday))]],
                "range": ["type": "numbered", "startDate": .string(firstMonday), "numberOfOccurrences": 26],
            ]
            oneToOne = .object(object)
        }
        events.append(oneToOne)
        let off = day(today.addingTimeInterval(Double((20 + i % 30) * 86_400)))
        let next = day(today.addingTimeInterval(Double((21 + i % 30) * 86_400)))
        events.append([
            "subject": "Day off", "isAllDay": true, "showAs": "oof",
            "start": ["dateTime": .string(off + "T00:00:00"), "timeZone": "UTC"],
            "end": ["dateTime": .string(next + "T00:00:00"), "timeZone": "UTC"],
        ])
        return events
    }

    /// A new meeting in a person's calendar (the busy cycle's change), unique per `round`.
    static func change(person i: Int, round: Int, today: Date) -> EmulatorJSON {
        let start = today.addingTimeInterval(Double(((i + round) % 40 + 2) * 86_400 + 15 * 3_600))
        return meeting("Added in round \(round)", start: start, minutes: 45, showAs: "busy")
    }

    static func meeting(_ subject: String, start: Date, minutes: Int, showAs: String) -> EmulatorJSON {
        [
            "subject": .string(subject), "showAs": .string(showAs),
            "start": ["dateTime": .string(stamp(start)), "timeZone": "UTC"],
            "end": ["dateTime": .string(stamp(start.addingTimeInterval(Double(minutes * 60)))), "timeZone": "UTC"],
        ]
    }

    static func stamp(_ date: Date) -> String { String(Timestamp.format(date).dropLast()) }  // no "Z": the zone is given
    static func day(_ date: Date) -> String { String(Timestamp.format(date).prefix(10)) }

    static func weekday(_ day: String) -> String {
        let names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = Timestamp.parse(day + "T00:00:00Z") ?? Date()
        return names[calendar.component(.weekday, from: date) - 1]
    }
}
