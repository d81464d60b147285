import CalSyncCore
import CalSyncTesting
import Foundation
import Testing

/// What the in-memory provider offers tests beyond the conformance suite: pages, the shapes of change tracking,
/// faults, the record of calls, the in-flight limit.
@Suite struct InMemoryProviderTests {
    let window = TimeRange(start: ManualClock.defaultStart, end: ManualClock.defaultStart.addingTimeInterval(30 * 86_400))

    func hour(_ offset: Double) -> EventTime {
        let start = ManualClock.defaultStart.addingTimeInterval(offset * 3_600)
        return .timed(TimeRange(start: start, end: start.addingTimeInterval(3_600)), zone: "UTC")
    }

    func pushed(_ tag: String, at offset: Double = 26) -> OutgoingEvent {
        OutgoingEvent(
            subject: "Training", bodyText: "", location: nil, time: hour(offset), showAs: .busy,
            isReminderOn: false, categories: [EventTag.category], tag: tag)
    }

    @Test func aListingIsServedInPagesOfPageSize() async throws {
        let memory = InMemoryCalendarProvider(pageSize: 2)
        let calendar = memory.addPerson(SeededPerson("A", mail: "a@x.test")).id
        for index in 0..<5 { try memory.add(PersonEvent("E\(index)", time: hour(Double(24 * index + 1))), to: calendar) }
        var sizes: [Int] = []
        var cursor: SyncCursor?
        var done = false
        while !done {
            let page = try await memory.changes(in: calendar, window: window, from: cursor)
            #expect(page.isFullListing)
            sizes.append(page.changes.count)
            switch page.next {
            case .more(let next): cursor = next
            case .done: done = true
            }
        }
        #expect(sizes == [2, 2, 1])
    }

    @Test func unboundedTrackingReportsChangesOutsideTheWindow() async throws {
        let memory = InMemoryCalendarProvider(capabilities: capabilities(.unbounded))
        let calendar = memory.addPerson(SeededPerson("A", mail: "a@x.test")).id
        let far = try memory.add(PersonEvent("Far", time: hour(24 * 60)), to: calendar)
        let first = try await memory.changes(in: calendar, window: window, from: nil)
        #expect(first.changes.isEmpty)
        try memory.change(far, in: calendar, to: PersonEvent("Far", time: hour(24 * 61)))
        guard case .done(let cursor) = first.next else {
            Issue.record("one page")
            return
        }
        let next = try await memory.changes(in: calendar, window: window, from: cursor)
        #expect(next.changes.map(\.id) == [far])
        #expect(!next.isFullListing)
    }

    @Test func detectThenRelistListsTheWindowAgainOnlyAfterAChange() async throws {
        let memory = InMemoryCalendarProvider(capabilities: capabilities(.detectThenRelist))
        let calendar = memory.addPerson(SeededPerson("A", mail: "a@x.test")).id
        let kept = try memory.add(PersonEvent("Kept", time: hour(1)), to: calendar)
        guard case .done(let first) = try await memory.changes(in: calendar, window: window, from: nil).next else { return }
        let idle = try await memory.changes(in: calendar, window: window, from: first)
        #expect(idle.changes.isEmpty && !idle.isFullListing)
        let added = try memory.add(PersonEvent("Added", time: hour(2)), to: calendar)
        guard case .done(let second) = idle.next else { return }
        let relist = try await memory.changes(in: calendar, window: window, from: second)
        #expect(relist.isFullListing)
        #expect(Set(relist.changes.map(\.id)) == [kept, added])
    }

    @Test func aCursorFollowsOnlyItsOwnCalendar() async throws {
        let memory = InMemoryCalendarProvider()
        let a = memory.addPerson(SeededPerson("A", mail: "a@x.test")).id
        let b = memory.addPerson(SeededPerson("B", mail: "b@x.test")).id
        guard case .done(let cursor) = try await memory.changes(in: a, window: window, from: nil).next else { return }
        await #expect(throws: CalendarError.self) { try await memory.changes(in: b, window: window, from: cursor) }
        await #expect(throws: CalendarError.self) {
            try await memory.changes(in: a, window: window, from: SyncCursor("made-up"))
        }
    }

    @Test func oneOccurrenceOfASeriesCanBeDeleted() async throws {
        let memory = InMemoryCalendarProvider()
        let calendar = memory.addPerson(SeededPerson("A", mail: "a@x.test")).id
        try memory.add(PersonEvent("Daily", time: hour(1), recurrence: .init(.daily, count: 3)), to: calendar)
        let listed = try await memory.changes(in: calendar, window: window, from: nil).changes.map(\.id)
        #expect(listed.count == 3)
        try await memory.delete(listed[1], in: calendar)
        let after = try await memory.changes(in: calendar, window: window, from: nil).changes.map(\.id)
        #expect(after == [listed[0], listed[2]])
        await #expect(throws: CalendarError.self) { try await memory.event(listed[1], in: calendar) }
    }

    @Test func faultsCountDownAndCallsAreRecorded() async throws {
        let memory = InMemoryCalendarProvider()
        let calendar = memory.addPerson(SeededPerson("A", mail: "a@x.test")).id
        memory.install(.throttle(retryAfter: 2, on: .create, times: 2))
        for _ in 0..<2 {
            let error = await #expect(throws: CalendarError.self) {
                try await memory.create(pushed("t1"), in: calendar, idempotencyKey: "k1")
            }
            #expect(error?.kind == .throttled && error?.retryAfter == 2)
        }
        let id = try await memory.create(pushed("t1"), in: calendar, idempotencyKey: "k1")
        _ = try await memory.timeZone(of: calendar)
        try await memory.delete(id, in: calendar)
        #expect(memory.writeRequests == 4)
        #expect(
            memory.calls.map(\.description) == [
                "create(\(calendar)) → throttled", "create(\(calendar)) → throttled", "create(\(calendar))",
                "timeZone(\(calendar))", "delete(\(calendar))",
            ])
        #expect(memory.items(in: calendar).isEmpty)
    }

    @Test func anyErrorCanBeInjectedForOneCalendar() async throws {
        let memory = InMemoryCalendarProvider()
        let a = memory.addPerson(SeededPerson("A", mail: "a@x.test")).id
        let b = memory.addPerson(SeededPerson("B", mail: "b@x.test")).id
        memory.install(InMemoryFault(calendar: a, error: CalendarError(.permissionMissing, message: "denied"), times: nil))
        let error = await #expect(throws: CalendarError.self) { try await memory.timeZone(of: a) }
        #expect(error?.kind == .permissionMissing)
        #expect(try await memory.timeZone(of: b) == "UTC")
    }

    @Test func aPersonWithoutACalendarIsInTheDirectoryOnly() async throws {
        let memory = InMemoryCalendarProvider()
        let user = memory.addPerson(SeededPerson("A", mail: "a@x.test", hasCalendar: false))
        #expect(try await memory.directory(for: ["a@x.test"]) == [user])
        let error = await #expect(throws: CalendarError.self) { try await memory.timeZone(of: user.id) }
        #expect(error?.kind == .noCalendar)
    }

    @Test func anImpossibleEventIsRefusedAndNothingIsWritten() async throws {
        let memory = InMemoryCalendarProvider()
        let calendar = memory.addPerson(SeededPerson("A", mail: "a@x.test")).id
        var event = pushed("t1")
        event.zone = "Mars/Olympus_Mons"
        let error = await #expect(throws: CalendarError.self) {
            try await memory.create(event, in: calendar, idempotencyKey: "k1")
        }
        #expect(error?.kind == .invalidRequest)
        #expect(memory.items(in: calendar).isEmpty)
    }

    @Test func aClientChosenIdIsTheSameForTheSameKey() async throws {
        let memory = InMemoryCalendarProvider(capabilities: capabilities(.unbounded, create: .clientChosenId))
        let calendar = memory.addPerson(SeededPerson("A", mail: "a@x.test")).id
        let first = try await memory.create(pushed("t1"), in: calendar, idempotencyKey: "k1")
        #expect(try await memory.create(pushed("t1"), in: calendar, idempotencyKey: "k1") == first)
        #expect(try await memory.create(pushed("t2"), in: calendar, idempotencyKey: "k2") != first)
        #expect(memory.items(in: calendar).count == 2)
    }

    @Test func requestsOverTheInFlightLimitAreThrottled() async throws {
        let memory = InMemoryCalendarProvider(latency: .seconds(1))
        let calendar = memory.addPerson(SeededPerson("A", mail: "a@x.test")).id
        let kinds = await withTaskGroup(of: CalendarError.Kind?.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    do {
                        _ = try await memory.timeZone(of: calendar)
                        return nil
                    } catch let error as CalendarError { return error.kind } catch { return .transient }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        // Six calls of a second each, started together: four get through, the others are over the limit.
        #expect(kinds.count { $0 == nil } >= 4)
        #expect(kinds.count { $0 == .throttled } >= 1)
        #expect(kinds.allSatisfy { $0 == nil || $0 == .throttled })
        #expect(memory.maxInFlight > 4)
    }

    func capabilities(
        _ tracking: ProviderCapabilities.ChangeTracking, create: ProviderCapabilities.IdempotentCreate = .tagLookup
    ) -> ProviderCapabilities {
        ProviderCapabilities(
            changeTracking: tracking, expandsRecurrences: true, idempotentCreate: create, inFlightLimit: 4,
            inFlightScope: .calendar)
    }
}
