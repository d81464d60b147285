import CalSyncCore
import Foundation
import Testing

@testable import CalSyncStore

@Suite struct MappingStoreTests {
    func mapping(
        _ itemId: String, instructorId: String = "i-1", mailbox: String = "u-1", externalId: String?,
        kind: ItemKind = .event
    ) -> EventMapping {
        let key = pushKey(itemId, instructorId: instructorId, kind: kind)
        return EventMapping(
            key: key, calendarId: mailbox, externalId: externalId,
            idempotencyKey: "txn-\(itemId)", generation: 1_772_442_000_000,
            fingerprint: nil, updatedAt: at(1))
    }

    @Test func roundTripsAndUpdatesByKey() async throws {
        let store = try await seededStore()
        let pending = mapping("t-1", externalId: nil)
        try await store.saveMapping(pending)
        #expect(try await store.mapping(for: pending.key) == pending)
        var created = pending
        created.externalId = "AAMk-1"
        created.generation = 2
        created.fingerprint = "sha"
        created.updatedAt = at(9)
        try await store.saveMapping(created)
        #expect(try await store.mapping(for: pending.key) == created)
        #expect(try await store.mappings(integrationId: "int-1") == [created])
        try await store.deleteMapping(for: pending.key)
        try await store.deleteMapping(for: pending.key)
        #expect(try await store.mapping(for: pending.key) == nil)
    }

    @Test func keysDifferByKindItemAndPerson() async throws {
        let store = try await seededStore()
        try await store.saveMapping(mapping("x", externalId: "1"))
        try await store.saveMapping(mapping("x", externalId: "2", kind: .absence))
        try await store.saveMapping(mapping("x", instructorId: "i-2", mailbox: "u-2", externalId: "3"))
        try await store.saveMapping(mapping("y", externalId: nil))
        #expect(try await store.mappings(integrationId: "int-1").count == 4)
        #expect(try await store.mappings(itemKind: .event, itemId: "x").map(\.externalId) == ["1", "3"])
        #expect(try await store.mappings(instructorId: "i-2").map(\.externalId) == ["3"])
        #expect(try await store.mappedExternalIds(integrationId: "int-1", calendarId: "u-1") == ["1", "2"])
        #expect(try await store.mappedExternalIds(integrationId: "int-2", calendarId: "u-1").isEmpty)
    }

    @Test func unknownIntegrationIsNotFound() async throws {
        let store = try makeStore()
        await #expect(throws: StoreError.notFound("integration int-1")) {
            try await store.saveMapping(mapping("t", externalId: nil))
        }
    }
}
