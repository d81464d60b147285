import CalSyncCore
import CalSyncStore
import CalSyncWorker
import Foundation
import GraphEmulator
import Testing

/// A database written by a released CalSync (`fixtures/upgrade/`) opens with today's code, migrates in place and
/// syncs with no write to any calendar (every pushed event keeps its fingerprint), and availability answers as the
/// released binary did.
@Suite struct UpgradeTests {
    @Test func aReleasedDatabaseMigratesAndResumesWithoutWritingToAnyCalendar() async throws {
        let world = try UpgradeWorld(resumable: true)
        try await expectMigrated(world)
        try await expectAnswersAsRecorded(world, "straight after the migrations")

        let report = try #require(await world.engine.runCycle())
        #expect(report.errorCount == 0)
        let stats = world.emulator.stats()
        let deltaReads = stats.counts.filter { $0.key.route.contains("/calendarView/delta") }
        #expect(deltaReads.values.reduce(0, +) == world.fixture.deltaLinks.count, "one resumed round per person")
        #expect(deltaReads.keys.allSatisfy { $0.status == 200 }, "every recorded delta link was followed: \(deltaReads)")
        for delta in world.fixture.deltaLinks {
            let state = try await world.store.syncState(integrationId: "upgrade", instructorId: delta.instructorId)
            #expect(state?.window == delta.window, "\(delta.instructorId) keeps the window its link was read over")
            #expect(state?.cursor != nil && state?.cursor?.value != delta.link, "\(delta.instructorId) moved on")
        }
        try await expectNothingWritten(world)
        try await expectAnswersAsRecorded(world, "after a cycle")
    }

    /// Graph expired the recorded delta links meanwhile: every person's calendar is listed again (each pushed event
    /// checked against what CalSync wants), and still nothing is written.
    @Test func aReleasedDatabaseWhoseDeltaLinksExpiredRelistsWithoutWritingToAnyCalendar() async throws {
        let world = try UpgradeWorld(resumable: false)
        try await expectMigrated(world)

        let report = try #require(await world.engine.runCycle())
        #expect(report.errorCount == 0)
        let stats = world.emulator.stats()
        let expired = stats.counts.filter { $0.key.route.contains("/calendarView/delta") && $0.key.status == 410 }
        #expect(expired.values.reduce(0, +) == world.fixture.deltaLinks.count, "each recorded link was tried first")
        try await expectNothingWritten(world)
        try await expectAnswersAsRecorded(world, "after relisting every calendar")
    }

    func expectMigrated(_ world: UpgradeWorld) async throws {
        #expect(world.fixture.migrations.count == 9, "the released binary's migrations, 001 to 009")
        let applied = try await world.store.appliedMigrations()
        #expect(Array(applied.prefix(world.fixture.migrations.count)) == world.fixture.migrations)
        #expect(applied == CalSyncStore.knownMigrations, "today's migrations applied in place")
        #expect(
            try await world.store.integrations() == [world.fixture.integration],
            "the integration reads back as the released binary stored it, its secret included")
    }

    func expectNothingWritten(_ world: UpgradeWorld) async throws {
        #expect(world.calendarWrites.isEmpty, "no POST, PATCH or DELETE to any calendar: \(world.calendarWrites)")
        for (user, events) in world.events {
            #expect(events == world.eventsBefore[user], "\(user)'s calendar is as it was")
        }
        let mappings = try await world.store.mappings(integrationId: "upgrade")
        let now = Set(
            mappings.map {
                UpgradeFixture.Mapping(
                    key: "\($0.key.integrationId)|\($0.key.itemKind.rawValue)|\($0.key.itemId)|\($0.key.instructorId)",
                    externalId: $0.externalId, fingerprint: $0.fingerprint)
            })
        #expect(now == Set(world.fixture.mappings), "every pushed event keeps its id and fingerprint")
        let operations = try await world.store.operations(limit: 1_000)
        #expect(operations.count == 15, "no operation queued")
        #expect(operations.allSatisfy { $0.status == .success }, "\(operations.filter { $0.status != .success })")
    }

    /// Recorded answers whose rule changed on purpose after the release: a range reaching past the window the last
    /// pull read was "known" with free time up to its end; it is now "unknown", its known part ending with the window
    /// (fail closed: CalSync has not seen the calendar there).
    static let changedOnPurpose: Set<String> = ["beyond the window"]

    func expectAnswersAsRecorded(_ world: UpgradeWorld, _ when: String) async throws {
        let answers = await world.availabilityAnswers()
        #expect(answers.count == 16)
        let windowEnd = try #require(world.fixture.deltaLinks.first?.window.end)
        for answer in answers {
            guard !Self.changedOnPurpose.contains(answer.name) else {
                let json = answer.json as? [String: Any]
                #expect(json?["availability"] as? String == "unknown", "\(answer.path), \(when)")
                if let knownUntil = json?["knownUntil"] as? String {
                    #expect(knownUntil == Timestamp.format(windowEnd), "\(answer.path), \(when)")
                }
                continue
            }
            #expect(answer.now == answer.recorded, "\(answer.name) \(answer.path), \(when)")
        }
    }
}
