import CalSyncCore
import Foundation
import GraphEmulator

/// The demo's world: a tenant with a few people and their own events (dates relative to today),
/// and the scheduler's side: instructors (one whose e-mail matches nobody) and training events.
struct DemoTenant {
    let tenant: EmulatorTenant
    let instructors: [Instructor]
    let trainingEvents: [TrainingEvent]
    /// Leave from the HR system: pushed to the people's calendars like training events.
    let absences: [Absence]
    let clientSecret: Secret

    static let tenantId = "8d3f1c2a-5b6e-4f70-9a81-0c2d3e4f5a6b"
    static let clientId = "c0ffee00-ca15-4c0d-8e00-000000000001"

    init(today: LocalDate) {
        func wall(_ day: Int, _ hour: Int, _ minute: Int = 0) -> String {
            LocalDateTime(date: today.adding(days: day), hour: hour, minute: minute).description
        }
        func event(_ subject: String, _ day: Int, _ from: Int, _ to: Int, zone: String, showAs: String = "busy")
            -> EmulatorJSON
        {
            [
                "subject": .string(subject), "showAs": .string(showAs),
                "start": ["dateTime": .string(wall(day, from)), "timeZone": .string(zone)],
                "end": ["dateTime": .string(wall(day, to)), "timeZone": .string(zone)],
            ]
        }
        let paris = "Romance Standard Time"
        let la = "Pacific Standard Time"
        let holiday: EmulatorJSON = [
            "subject": "Family holiday", "showAs": "oof", "isAllDay": true,
            "start": ["dateTime": .string(wall(4, 0)), "timeZone": .string(paris)],
            "end": ["dateTime": .string(wall(6, 0)), "timeZone": .string(paris)],
        ]
        let declined = event("Budget review", 1, 15, 16, zone: la).with(["responseStatus": ["response": "declined"]])
        let weekly = event("1:1 with manager", 1, 10, 10, zone: "UTC").with([
            "end": ["dateTime": .string(wall(1, 10, 30)), "timeZone": "UTC"],
            "recurrence": [
                "pattern": ["type": "daily", "interval": 7],
                "range": [
                    "type": "numbered", "startDate": .string(today.adding(days: 1).description),
                    "numberOfOccurrences": 4,
                ],
            ],
        ])
        clientSecret = Secret(UUID().uuidString + UUID().uuidString)
        tenant = EmulatorTenant(
            tenantId: Self.tenantId, domain: "contoso.example",
            apps: [
                EmulatorTenant.App(
                    clientId: Self.clientId, clientSecret: clientSecret.revealed,
                    roles: ["Calendars.ReadWrite", "MailboxSettings.Read", "User.Read.All"])
            ],
            users: [
                EmulatorTenant.User(
                    id: "5f1a2b3c-0001-4000-8000-00000000a001", displayName: "Ana Lopez",
                    mail: "ana.lopez@contoso.example", userPrincipalName: "ana.lopez@contoso.example",
                    proxyAddresses: ["SMTP:ana.lopez@contoso.example"], mailboxTimeZone: paris,
                    events: [
                        event("Team meeting", 1, 9, 10, zone: paris), holiday,
                        event("Lunch", 2, 12, 13, zone: paris, showAs: "free"),
                    ]),
                EmulatorTenant.User(
                    id: "5f1a2b3c-0002-4000-8000-00000000a002", displayName: "Ben Okafor", mail: nil,
                    userPrincipalName: "ben.okafor@contoso.example", mailboxTimeZone: la,
                    events: [event("Customer call", 2, 8, 9, zone: la), declined]),
                EmulatorTenant.User(
                    id: "5f1a2b3c-0003-4000-8000-00000000a003", displayName: "Chloé Martin",
                    mail: "chloe.martin@contoso.example", userPrincipalName: "chloe.martin@contoso.example",
                    proxyAddresses: ["SMTP:chloe.martin@contoso.example", "smtp:c.martin@contoso.example"],
                    mailboxTimeZone: paris, events: [event("Conference", 3, 9, 18, zone: paris)]),
                EmulatorTenant.User(
                    id: "5f1a2b3c-0004-4000-8000-00000000a004", displayName: "Dev Patel",
                    mail: "dev.patel@contoso.example", userPrincipalName: "dev.patel@contoso.example",
                    mailboxTimeZone: "UTC", events: [weekly]),
            ])
        instructors = [
            Instructor(id: "i-ana", name: "Ana Lopez", email: "Ana.Lopez@contoso.example", establishment: "paris"),
            Instructor(id: "i-ben", name: "Ben Okafor", email: "ben.okafor@contoso.example", establishment: "seattle"),
            Instructor(id: "i-chloe", name: "Chloé Martin", email: "c.martin@contoso.example", establishment: "paris"),
            Instructor(id: "i-dev", name: "Dev Patel", email: "dev.patel@contoso.example", establishment: "london"),
            Instructor(id: "i-zoe", name: "Zoé Leroy", email: "zoe.leroy@fabrikam.example", establishment: "paris"),
        ]
        func at(_ day: Int, _ hour: Int, _ zone: String) -> Date {
            LocalDateTime(date: today.adding(days: day), hour: hour, minute: 0).instant(in: TimeZone(identifier: zone)!)
        }
        trainingEvents = [
            TrainingEvent(
                id: "t-swift-101", title: "Swift Basics", start: at(3, 9, "Europe/Paris"), end: at(3, 17, "Europe/Paris"),
                timeZone: "Europe/Paris", location: "Paris, room 4", instructorIds: ["i-ana", "i-ben"]),
            TrainingEvent(
                id: "t-ios-201", title: "iOS Architecture", start: at(5, 9, "Europe/Paris"), end: at(5, 12, "Europe/Paris"),
                timeZone: "Europe/Paris", location: "Online", instructorIds: ["i-chloe"]),
            TrainingEvent(
                id: "t-server-301", title: "Server-side Swift", start: at(8, 10, "Europe/London"),
                end: at(8, 16, "Europe/London"), timeZone: "Europe/London", location: "London, room 1",
                instructorIds: ["i-dev", "i-zoe"]),
        ]
        func off(_ day: Int, _ half: Absence.Half) -> Absence.Boundary { .init(date: today.adding(days: day), half: half) }
        absences = [
            // Tomorrow afternoon: a timed entry 13:30–17:30 in Ana's mailbox zone (Paris), "Absent" (label hidden).
            Absence(
                id: "a-ana-pm", personId: "i-ana", account: .init(name: "Paid leave"), start: off(1, .pm), end: off(1, .pm),
                status: .approved),
            // Two days next week, awaiting approval: one tentative all-day event over both days (Seattle time).
            Absence(
                id: "a-ben-leave", personId: "i-ben", account: .init(name: "Paid leave"), start: off(7, .am), end: off(8, .pm),
                status: .pending),
            // A day working from home: shown as free, with the account's name (its reason is public).
            Absence(
                id: "a-chloe-remote", personId: "i-chloe",
                account: .init(name: "Remote work", countsAsAbsence: false, publicReason: true, remoteWork: true),
                start: off(2, .am), end: off(2, .pm), status: .approved),
        ]
    }
}

extension EmulatorJSON {
    /// This object with the given keys set.
    func with(_ fields: [String: EmulatorJSON]) -> EmulatorJSON {
        guard case .object(var object) = self else { return self }
        for (key, value) in fields { object[key] = value }
        return .object(object)
    }
}
