import CalSyncCore
import Foundation
import Testing

@testable import CalSyncStore

@Suite struct AbsenceStoreTests {
    func absence(_ id: String, person: String = "i-1", _ first: String, _ last: String, status: Absence.Status = .approved)
        -> Absence
    {
        Absence(
            id: id, personId: person, account: .init(name: "Leave", countsAsAbsence: false, publicReason: true, remoteWork: true),
            start: .init(date: LocalDate(first)!, half: .pm), end: .init(date: LocalDate(last)!, half: .am), status: status)
    }

    @Test func saveReadUpdateDelete() async throws {
        let store = try makeStore()
        try await store.saveInstructor(sampleInstructor())
        let a = absence("a-1", "2026-03-02", "2026-03-04", status: .pending)
        #expect(try await store.saveAbsence(a))
        #expect(try await store.absence(id: "a-1") == a)
        var b = a
        b.status = .approved
        b.end = .init(date: LocalDate("2026-03-05")!, half: .pm)
        #expect(try await store.saveAbsence(b) == false)
        #expect(try await store.absence(id: "a-1") == b)
        try await store.deleteAbsence(id: "a-1")
        #expect(try await store.absence(id: "a-1") == nil)
    }

    @Test func anUnknownPersonIsRefusedAndAbsencesGoWithTheirPerson() async throws {
        let store = try makeStore()
        await #expect(throws: StoreError.self) {
            try await store.saveAbsence(absence("a-1", person: "i-x", "2026-03-02", "2026-03-02"))
        }
        try await store.saveInstructor(sampleInstructor())
        try await store.saveAbsence(absence("a-1", "2026-03-02", "2026-03-02"))
        try await store.deleteInstructor(id: "i-1")
        #expect(try await store.absences().isEmpty)
    }

    @Test func queriesByPersonDaysAndEnd() async throws {
        let store = try makeStore()
        try await store.saveInstructor(sampleInstructor())
        try await store.saveInstructor(sampleInstructor(id: "i-2"))
        try await store.saveAbsence(absence("a-1", "2026-03-02", "2026-03-04"))
        try await store.saveAbsence(absence("a-2", "2026-03-10", "2026-03-10"))
        try await store.saveAbsence(absence("a-3", person: "i-2", "2026-03-03", "2026-03-03"))
        #expect(try await store.absences(personId: "i-1").map(\.id) == ["a-1", "a-2"])
        let days = LocalDate("2026-03-04")!...LocalDate("2026-03-09")!
        #expect(try await store.absences(personId: "i-1", days: days).map(\.id) == ["a-1"])
        #expect(try await store.absences(endingOnOrAfter: LocalDate("2026-03-04")!).map(\.id) == ["a-1", "a-2"])
        #expect(try await store.absences(endingOnOrAfter: LocalDate("2026-03-05")!).map(\.id) == ["a-2"])
    }

    @Test func theMappingsOfOneAbsenceAreFoundByItsSegments() async throws {
        let store = try makeStore()
        try await store.saveIntegration(sampleIntegration())
        for itemId in ["a-1~am", "a-1~days", "a-10~days", "a-1.x~pm", "a-1"] {
            try await store.saveMapping(
                EventMapping(
                    key: PushKey(integrationId: "int-1", itemKind: .absence, itemId: itemId, instructorId: "i-1"),
                    calendarId: "u-1", externalId: "x-\(itemId)", idempotencyKey: "t", generation: 1, fingerprint: nil,
                    updatedAt: at(0)))
        }
        #expect(try await store.absenceMappings(absenceId: "a-1").map(\.key.itemId) == ["a-1~am", "a-1~days"])
    }
}
