import CalSyncCore
import Foundation

@testable import CalSyncStore

/// A fresh in-memory store for one test.
func makeStore() throws -> CalSyncStore { try CalSyncStore(path: ":memory:") }

/// `2026-03-02T09:00:00Z` plus `minutes`.
func at(_ minutes: Int, day: Int = 2) -> Date {
    Timestamp.parse(String(format: "2026-03-%02dT09:00:00Z", day))!.addingTimeInterval(Double(minutes) * 60)
}

func range(_ from: Int, _ to: Int) -> TimeRange { TimeRange(start: at(from), end: at(to)) }

func sampleIntegration(id: String = "int-1", createdAt: Date = at(0)) -> Integration {
    var settings = SyncSettings()
    settings.futureDays = 90
    settings.tentativeCountsAsBusy = false
    settings.workday.start = LocalTime(hour: 8, minute: 15)!
    return Integration(
        id: id, name: "Contoso \(id)", tenantId: "tenant-\(id)", clientId: "client-\(id)",
        clientSecret: Secret("s3cr3t-\(id)"), establishments: ["paris", "lyon"],
        graphBaseURL: "http://127.0.0.1:8089/v1.0", settings: settings, createdAt: createdAt)
}

func sampleInstructor(id: String = "i-1") -> Instructor {
    Instructor(
        id: id, name: "Person \(id)", email: "\(id)@contoso.example", establishment: "paris",
        timeZone: "Europe/Paris")
}

func block(
    _ externalId: String, _ from: Int, _ to: Int, integrationId: String = "int-1", instructorId: String = "i-1",
    showAs: ShowAs = .busy
) -> BusyBlock {
    BusyBlock(
        integrationId: integrationId, instructorId: instructorId, externalId: externalId, start: at(from),
        end: at(to), showAs: showAs, isAllDay: false)
}

func pushKey(
    _ itemId: String, instructorId: String = "i-1", integrationId: String = "int-1",
    kind: ItemKind = .event
) -> PushKey {
    PushKey(integrationId: integrationId, itemKind: kind, itemId: itemId, instructorId: instructorId)
}

/// A store with one integration and the given people.
func seededStore(instructors: [String] = ["i-1"], integrations: [String] = ["int-1"]) async throws -> CalSyncStore {
    let store = try makeStore()
    for id in integrations { try await store.saveIntegration(sampleIntegration(id: id)) }
    for id in instructors { try await store.saveInstructor(sampleInstructor(id: id)) }
    return store
}
