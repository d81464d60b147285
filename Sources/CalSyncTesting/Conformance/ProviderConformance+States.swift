import CalSyncCore
import Foundation

// MARK: - What the person says about their events

extension ProviderConformance {
    @Sendable static func eventStates(_ probe: ConformanceProbe) async throws {
        let zone = "Europe/Paris"
        let calendar = try await probe.subject.addPerson(Self.ada).id
        var expected: [String: (ShowAs, declined: Bool, cancelled: Bool)] = [:]
        for (index, showAs) in [ShowAs.free, .tentative, .busy, .oof, .workingElsewhere].enumerated() {
            let day = String(format: "2026-03-%02d", 3 + index)
            let event = PersonEvent(showAs.rawValue, time: timed("\(day)T09:00", "\(day)T10:00", zone), showAs: showAs)
            expected[try await probe.subject.add(event, to: calendar)] = (showAs, false, false)
        }
        let declined = PersonEvent(
            "Declined", time: timed("2026-03-10T09:00", "2026-03-10T10:00", zone), declinedByOwner: true)
        expected[try await probe.subject.add(declined, to: calendar)] = (.busy, true, false)
        let cancelled = PersonEvent("Cancelled", time: timed("2026-03-11T09:00", "2026-03-11T10:00", zone), isCancelled: true)
        expected[try await probe.subject.add(cancelled, to: calendar)] = (.busy, false, true)

        let view = try await probe.round(calendar, window: window, from: nil).applied(to: [:])
        for (id, (showAs, isDeclined, isCancelled)) in expected {
            guard let event = view[id] else { throw probe.fail("the listing lacks the \(showAs.rawValue) event \(id)") }
            try probe.expect(event.showAs == showAs, "event \(id) is listed \(event.showAs.rawValue), not \(showAs.rawValue)")
            try probe.expect(
                event.declinedByOwner == isDeclined, "event \(id) is listed \(isDeclined ? "not " : "")declined by its owner")
            try probe.expect(event.isCancelled == isCancelled, "event \(id) is listed \(isCancelled ? "not " : "")cancelled")
        }
    }
}
