import CalSyncCore
import Foundation
import GraphEmulator
import Testing

/// `calsync emulator --shift-to-today`: a tenant file's events moved by whole weeks so the first one falls within the
/// coming week, weekdays, times of day and zones kept.
@Suite struct EmulatorTenantShiftTests {
    let tenant = try! EmulatorTenant(contentsOf: EmulatorHarness.tenantPath)

    func event(_ userId: String, _ index: Int, in tenant: EmulatorTenant) -> EmulatorJSON? {
        tenant.users.first { $0.id == userId }?.events?[index]
    }

    @Test func theFirstEventMovesToTheSameWeekdayOnOrAfterToday() throws {
        #expect(tenant.firstEventDate == LocalDate("2025-03-03"))
        let wednesday = try #require(LocalDate("2026-05-06"))
        let days = EmulatorTenant.daysToShift(from: try #require(tenant.firstEventDate), toTheWeekOf: wednesday)
        #expect(days % 7 == 0)
        #expect(LocalDate("2025-03-03")!.adding(days: days) == LocalDate("2026-05-11"))  // the next Monday
        #expect(EmulatorTenant.daysToShift(from: wednesday, toTheWeekOf: wednesday) == 0)
        #expect(EmulatorTenant.daysToShift(from: LocalDate("2026-06-03")!, toTheWeekOf: wednesday) == -28)

        let moved = tenant.movingEvents(byDays: days)
        let weekly = try #require(event(EmulatorHarness.jane, 0, in: moved))
        #expect(weekly["start"]?["dateTime"] == "2026-05-11T09:00:00")
        #expect(weekly["start"]?["timeZone"] == "W. Europe Standard Time")
        #expect(weekly["end"]?["dateTime"] == "2026-05-11T10:00:00")
        #expect(weekly["recurrence"]?["range"]?["startDate"] == "2026-05-11")
        #expect(weekly["recurrence"]?["range"]?["endDate"] == .string(LocalDate("2025-04-30")!.adding(days: days).description))
        #expect(weekly["recurrence"]?["pattern"] == event(EmulatorHarness.jane, 0, in: tenant)?["recurrence"]?["pattern"])
        #expect(weekly["subject"] == "Weekly team sync")
        let vacation = try #require(event(EmulatorHarness.bob, 0, in: moved))
        #expect(vacation["start"]?["dateTime"] == "2026-05-18T00:00:00")
        #expect(vacation["end"]?["dateTime"] == "2026-05-20T00:00:00")
        #expect(moved.users.map(\.id) == tenant.users.map(\.id))
        #expect(moved.apps == tenant.apps)
    }
}
