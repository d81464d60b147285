import CalSyncCore
import CalSyncStore
import Foundation
import GraphEmulator

/// The changes the demo makes between cycles, on both sides: people editing their own calendars
/// (through the emulator's side door) and the scheduler editing training events (in the store).
actor DemoStory {
    let emulator: GraphEmulator
    let store: CalSyncStore
    let userIds: [String]
    private var dentistId: String?

    init(emulator: GraphEmulator, store: CalSyncStore, userIds: [String]) {
        self.emulator = emulator
        self.store = store
        self.userIds = userIds
    }

    var ana: String { userIds[0] }

    func step(after cycle: Int) async -> String? {
        let paris = "Romance Standard Time"
        let tomorrow = LocalDate(Date(), in: TimeZone(identifier: "UTC")!).adding(days: 1)
        func slot(_ hour: Int, _ minutes: Int) -> EmulatorJSON {
            ["start": ["dateTime": .string(LocalDateTime(date: tomorrow, hour: hour, minute: 0).description), "timeZone": .string(paris)],
             "end": ["dateTime": .string(LocalDateTime(date: tomorrow, hour: hour, minute: minutes).description), "timeZone": .string(paris)]]
        }
        do {
            switch cycle {
            case 1:
                dentistId = try emulator.addEvent(userId: ana, json: slot(14, 45).with(["subject": "Dentist", "showAs": "busy"]))
                return "Ana adds a dentist appointment tomorrow 14:00–14:45 (Paris) in Outlook"
            case 2:
                guard var event = try await store.trainingEvent(id: "t-swift-101") else { return nil }
                event.start += 3600
                event.end += 3600
                try await store.saveTrainingEvent(event)
                return "the scheduler moves Swift Basics one hour later"
            case 3:
                guard let dentistId else { return nil }
                try emulator.updateEvent(userId: ana, eventId: dentistId, json: slot(16, 30))
                return "Ana moves her dentist appointment to 16:00–16:30"
            case 4:
                guard var event = try await store.trainingEvent(id: "t-swift-101") else { return nil }
                event.instructorIds.removeAll { $0 == "i-ben" }
                try await store.saveTrainingEvent(event)
                return "the scheduler takes Ben off Swift Basics"
            case 5:
                guard let dentistId else { return nil }
                try emulator.removeEvent(userId: ana, eventId: dentistId)
                return "Ana deletes her dentist appointment"
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
            let detail = next.map { " — next \(Timestamp.format($0.start)) → \(Timestamp.format($0.end)) (\($0.showAs.rawValue)\($0.isAllDay ? ", all day" : ""))" } ?? ""
            lines.append("    \(instructor.id): \(blocks.count)\(detail)")
        }
        return lines.joined(separator: "\n")
    }
}
