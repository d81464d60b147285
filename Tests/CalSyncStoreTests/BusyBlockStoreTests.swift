import CalSyncCore
import Foundation
import Testing

@testable import CalSyncStore

@Suite struct BusyBlockStoreTests {
    @Test func upsertsRemovalsAndRoundTrip() async throws {
        let store = try await seededStore()
        var allDay = block("d", 0, 1440, showAs: .oof)
        allDay.isAllDay = true
        try await store.applyBusyChanges(
            integrationId: "int-1", instructorId: "i-1",
            upserts: [block("a", 60, 120), allDay, block("b", 30, 90, showAs: .tentative)],
            removals: [])
        #expect(
            try await store.busyBlocks(instructorId: "i-1") == [
                allDay, block("b", 30, 90, showAs: .tentative),
                block("a", 60, 120),
            ])
        try await store.applyBusyChanges(
            integrationId: "int-1", instructorId: "i-1",
            upserts: [block("a", 200, 260, showAs: .unknown)], removals: ["b", "gone"])
        #expect(try await store.busyBlockIds(integrationId: "int-1", instructorId: "i-1") == ["a", "d"])
        #expect(try await store.busyBlocks(instructorId: "i-1").last == block("a", 200, 260, showAs: .unknown))
        #expect(try await store.busyBlockCount(integrationId: "int-1", instructorId: "i-1") == 2)
    }

    @Test func anIdInBothListsStaysBusy() async throws {
        let store = try await seededStore()
        try await store.applyBusyChanges(
            integrationId: "int-1", instructorId: "i-1", upserts: [block("a", 0, 60)],
            removals: ["a"])
        #expect(try await store.busyBlockIds(integrationId: "int-1", instructorId: "i-1") == ["a"])
    }

    @Test func overlapQueryHalfOpenEdges() async throws {
        let store = try await seededStore(instructors: ["i-1", "i-2"])
        let blocks = [
            block("ends-at-start", 0, 60), block("starts-at-end", 120, 180), block("inside", 70, 80),
            block("covers", 0, 200), block("head", 30, 61), block("tail", 119, 150),
        ]
        try await store.applyBusyChanges(integrationId: "int-1", instructorId: "i-1", upserts: blocks, removals: [])
        try await store.applyBusyChanges(
            integrationId: "int-1", instructorId: "i-2",
            upserts: [block("theirs", 60, 120, instructorId: "i-2")], removals: [])
        let found = try await store.busyBlocks(instructorId: "i-1", overlapping: range(60, 120))
        #expect(found.map(\.externalId) == ["covers", "head", "inside", "tail"])
        // The store agrees with TimeRange.overlaps everywhere (an empty range inside a block overlaps it).
        for (from, to) in [(60, 60), (0, 1), (60, 61), (119, 120), (199, 300), (200, 300), (-10, 0)] {
            let query = range(from, to)
            let expected = blocks.filter { $0.range.overlaps(query) }.map(\.externalId).sorted()
            let got = try await store.busyBlocks(instructorId: "i-1", overlapping: query).map(\.externalId)
            #expect(got.sorted() == expected, "range \(from)-\(to)")
        }
        #expect(try await store.busyBlocks(instructorId: "i-1").count == 6)
    }

    @Test func blocksOfSeveralIntegrationsComeTogether() async throws {
        let store = try await seededStore(integrations: ["int-1", "int-2"])
        try await store.applyBusyChanges(
            integrationId: "int-2", instructorId: "i-1",
            upserts: [block("x", 0, 60, integrationId: "int-2")], removals: [])
        try await store.applyBusyChanges(
            integrationId: "int-1", instructorId: "i-1", upserts: [block("x", 0, 60)],
            removals: [])
        let found = try await store.busyBlocks(instructorId: "i-1", overlapping: range(0, 60))
        #expect(found.map(\.integrationId) == ["int-1", "int-2"])
        #expect(try await store.busyBlockIds(integrationId: "int-2", instructorId: "i-1") == ["x"])
    }

    @Test func theOverlapQueryReadsOnlyTheCoveringIndex() async throws {
        let store = try makeStore()
        let plan = try await store.queryPlan(
            """
            SELECT integration_id, instructor_id, external_id, start_ms, end_ms, show_as, is_all_day
            FROM busy_blocks WHERE instructor_id = ? AND start_ms < ? AND end_ms > ?
            ORDER BY start_ms, end_ms, integration_id, external_id
            """)
        #expect(plan.count == 1, "no sort step: \(plan)")
        #expect(plan.first?.contains("COVERING INDEX busy_blocks_by_instructor_start") == true, "\(plan)")
    }

    @Test func wrongOwnerOrUnknownParentIsRejectedAtomically() async throws {
        let store = try await seededStore()
        await #expect(throws: StoreError.self) {
            try await store.applyBusyChanges(
                integrationId: "int-1", instructorId: "i-1",
                upserts: [block("ok", 0, 60), block("stray", 0, 60, instructorId: "i-2")],
                removals: [])
        }
        await #expect(throws: StoreError.notFound("integration int-1 or instructor ghost")) {
            try await store.applyBusyChanges(
                integrationId: "int-1", instructorId: "ghost",
                upserts: [block("a", 0, 60, instructorId: "ghost")], removals: [])
        }
        #expect(try await store.busyBlocks(instructorId: "i-1").isEmpty)
    }

    @Test func tenThousandUpsertsInOneCall() async throws {
        let store = try await seededStore()
        let blocks = (0..<10_000).map { block("e\($0)", $0 * 30, $0 * 30 + 25) }
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            try await store.applyBusyChanges(integrationId: "int-1", instructorId: "i-1", upserts: blocks, removals: [])
        }
        let queried = try await clock.measure {
            for day in 0..<100 {
                _ = try await store.busyBlocks(instructorId: "i-1", overlapping: range(day * 1440, day * 1440 + 1440))
            }
        }
        print("CalSyncStore perf: 10,000 busy-block upserts in one call: \(elapsed); 100 one-day overlap queries: \(queried)")
        #expect(try await store.busyBlockCount(integrationId: "int-1", instructorId: "i-1") == 10_000)
    }
}
