import CalSyncCore
import CalSyncStore
import Foundation
import GraphEmulator

/// The changes the demo makes between cycles, on both sides: people editing their own calendars
/// (through the emulator's side door) and the scheduler editing training events (in the store).
actor DemoStory {
    let calendars: any DemoCalendars
    let store: CalSyncStore
    private var dentistId: String?

    init(calendars: any DemoCalendars, store: CalSyncStore) {
        self.calendars = calendars
        self.store = store
    }

    init(emulator: GraphEmulator, store: CalSyncStore, userIds: [String]) {
        self.init(calendars: GraphDemoCalendars(emulator: emulator, userIds: userIds), store: store)
    }

    /// The story in short, one step after each of the first cycles (`calsync demo --help` lists it).
    static let outline = [
        "Ana adds a dentist appointment in Outlook",
        "the scheduler moves a training session",
        "Ana moves her appointment",
        "the scheduler takes Ben off a session",
        "Ana deletes her appointment",
        "HR approves Ben's pending leave",
        "Ben cancels his leave",
    ]

    /// Cycles that show the whole story: the step after the last cycle but one shows in the last.
    static var cyclesForTheWholeStory: Int { outline.count + 1 }

    /// Plays the step after cycle `cycle` (1-based); returns what it did, nil once the story is over.
    func step(after cycle: Int) async -> String? {
        let tomorrow = LocalDate(Date(), in: TimeZone(identifier: "UTC")!).adding(days: 1)
        func time(_ hour: Int, _ minute: Int) -> LocalTime { LocalTime(hour: hour, minute: minute)! }
        do {
            switch cycle {
            case 1:
                dentistId = try calendars.addAppointment(
                    person: 0, subject: "Dentist", on: tomorrow, from: time(14, 0), to: time(14, 45))
                return "Ana adds a dentist appointment tomorrow 14:00–14:45 (Paris) in \(calendars.appName)"
            case 2:
                guard var event = try await store.trainingEvent(id: "t-swift-101") else { return nil }
                event.start += 3600
                event.end += 3600
                try await store.saveTrainingEvent(event)
                return "the scheduler moves Swift Basics one hour later"
            case 3:
                guard let dentistId else { return nil }
                try calendars.moveAppointment(person: 0, id: dentistId, on: tomorrow, from: time(16, 0), to: time(16, 30))
                return "Ana moves her dentist appointment to 16:00–16:30"
            case 4:
                guard var event = try await store.trainingEvent(id: "t-swift-101") else { return nil }
                event.instructorIds.removeAll { $0 == "i-ben" }
                try await store.saveTrainingEvent(event)
                return "the scheduler takes Ben off Swift Basics"
            case 5:
                guard let dentistId else { return nil }
                try calendars.removeAppointment(person: 0, id: dentistId)
                return "Ana deletes her dentist appointment"
            case 6:
                guard var leave = try await store.absence(id: "a-ben-leave") else { return nil }
                leave.status = .approved
                try await store.saveAbsence(leave)
                let showAs = AbsenceRules.showAs(for: leave, settings: await settings(integrationId: "contoso")).rawValue
                return "HR approves Ben's leave next week (the same calendar event becomes \(showAs))"
            case 7:
                guard var leave = try await store.absence(id: "a-ben-leave") else { return nil }
                leave.status = .cancelled
                try await store.saveAbsence(leave)
                return "Ben cancels his leave (its calendar event is deleted)"
            default:
                return nil
            }
        } catch {
            return "story step failed: \(error)"
        }
    }

    /// One line per instructor: how many busy blocks the store holds and the next one.
    func blocksSummary() async -> String {
        guard let instructors = try? await store.instructors() else { return "" }
        var lines = ["  busy blocks in the store:"]
        for instructor in instructors {
            let blocks = (try? await store.busyBlocks(instructorId: instructor.id, overlapping: nil)) ?? []
            let next = blocks.first { $0.end > Date() }
            let detail =
                next.map {
                    " — next \(Timestamp.format($0.start)) → \(Timestamp.format($0.end)) (\($0.showAs.rawValue)\($0.isAllDay ? ", all day" : ""))"
                } ?? ""
            lines.append("    \(instructor.id): \(blocks.count)\(detail)")
        }
        lines.append(await pushedSummary())
        return lines.joined(separator: "\n")
    }

    /// One line per instructor with events CalSync keeps in their calendar: training events and absence entries
    /// (each with its shape and show-as, as pushed).
    func pushedSummary() async -> String {
        guard let instructors = try? await store.instructors() else { return "" }
        var lines = ["  pushed to calendars:"]
        for instructor in instructors {
            let mappings = ((try? await store.mappings(instructorId: instructor.id)) ?? []).filter { $0.externalId != nil }
            guard !mappings.isEmpty else { continue }
            let training = mappings.filter { $0.key.itemKind == .event }.map(\.key.itemId)
            var entries = training.map { "training \($0)" }
            for mapping in mappings where mapping.key.itemKind == .absence {
                entries.append("absence \(mapping.key.schedulerItemId)\(await absenceDetail(mapping.key))")
            }
            lines.append("    \(instructor.id): " + entries.joined(separator: ", "))
        }
        return lines.count == 1 ? "  pushed to calendars: nothing yet" : lines.joined(separator: "\n")
    }

    /// " (days 2026-03-09…2026-03-10, tentative)" for an absence entry, from the absence as it is now and its
    /// integration's current settings (`absenceShowAs` may have been changed through the API).
    func absenceDetail(_ key: PushKey) async -> String {
        guard let absence = try? await store.absence(id: AbsenceRules.absenceId(ofItem: key.itemId)) else { return "" }
        let part = key.part ?? ""
        let span = absence.start.date == absence.end.date ? "\(absence.start.date)" : "\(absence.start.date)…\(absence.end.date)"
        let settings = await settings(integrationId: key.integrationId)
        let show = absence.isActive ? AbsenceRules.showAs(for: absence, settings: settings).rawValue : absence.status.rawValue
        return " (\(part) \(span), \(show))"
    }

    /// The integration's settings as they are now; the defaults when it cannot be read.
    func settings(integrationId: String) async -> SyncSettings {
        (try? await store.integration(id: integrationId))?.settings ?? SyncSettings()
    }
}
