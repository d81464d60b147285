import CalSyncCore
import Foundation

// MARK: - Writes

extension ProviderConformance {
    @Sendable static func writes(_ probe: ConformanceProbe) async throws {
        let zone = "Europe/Paris"
        let calendar = try await probe.subject.addPerson(Self.ada).id
        let provider = probe.provider
        let tag = Self.tag("writes")
        let training = outgoing("Training: Swift", timed("2026-03-10T09:00", "2026-03-10T17:00", zone), zone: zone, tag: tag)
        let id = try await provider.create(training, in: calendar, idempotencyKey: "conformance-writes-1")

        let read = try await provider.event(id, in: calendar)
        try probe.expect(read.id == id, "the event reads back under its id \(id), not \(read.id)")
        try probe.expect(
            sameTime(read.time, training.time), "the event reads back at \(training.time), not \(String(describing: read.time))")
        try probe.expect(read.tagValue == tag, "the event reads back with its tag, not \(String(describing: read.tagValue))")
        try probe.expect(read.labelDigest == training.labelDigest, "the event reads back with its subject and location")
        try probe.expect(read.showAs == .busy && !read.isCancelled && !read.isSeriesMaster, "the event reads back busy, single")
        try probe.expect(try await provider.find(tag: tag, in: calendar) == id, "the tag finds the event")
        try probe.expect(try await provider.find(tag: Self.tag("nothing"), in: calendar) == nil, "an unused tag finds nothing")
        let listed = try await probe.round(calendar, window: window, from: nil)
        try probe.expect(listed.upserts.contains { $0.id == id }, "a full listing lists the created event")

        let moved = outgoing(
            "Training: Swift 6", timed("2026-03-11T10:00", "2026-03-11T12:00", zone), zone: zone, tag: tag, location: nil)
        try await provider.update(id, in: calendar, to: moved)
        let reread = try await provider.event(id, in: calendar)
        try probe.expect(
            sameTime(reread.time, moved.time),
            "the updated event reads back at \(moved.time), not \(String(describing: reread.time))")
        try probe.expect(
            reread.labelDigest == moved.labelDigest, "the updated event reads back with its new subject and no location")
        try probe.expect(try await provider.find(tag: tag, in: calendar) == id, "the tag still finds the updated event")

        try await provider.delete(id, in: calendar)
        try await probe.expectError([.notFound], "reading a deleted event") { try await provider.event(id, in: calendar) }
        try probe.expect(try await provider.find(tag: tag, in: calendar) == nil, "the tag finds no deleted event")
        try await probe.expectError([.notFound], "deleting a deleted event") { try await provider.delete(id, in: calendar) }
        try await probe.expectError([.notFound], "updating a deleted event") {
            try await provider.update(id, in: calendar, to: moved)
        }
        try probe.expect(
            try await probe.subject.itemCount(tag: tag, in: calendar) == 0, "nothing carries the deleted event's tag")
    }

    @Sendable static func ambiguousCreate(_ probe: ConformanceProbe) async throws {
        let zone = "Europe/Paris"
        let calendar = try await probe.subject.addPerson(Self.ada).id
        let provider = probe.provider
        let tag = Self.tag("ambiguous")
        let event = outgoing("Training: Testing", timed("2026-03-17T09:00", "2026-03-17T12:00", zone), zone: zone, tag: tag)
        let key = "conformance-ambiguous-1"

        try await probe.subject.failCreatesAfterCommit()
        let error = try await probe.expectError([.transient], "a create answered by a timeout after it committed") {
            try await provider.create(event, in: calendar, idempotencyKey: key)
        }
        try probe.expect(error.isOutcomeUnknown, "the failed create says its outcome is unknown, not \(error)")
        try await probe.subject.clearFaults()

        guard let committed = try await provider.find(tag: tag, in: calendar) else {
            throw probe.fail("the tag finds the event the failed create committed")
        }
        if provider.capabilities.idempotentCreate != .tagLookup {
            let again = try await provider.create(event, in: calendar, idempotencyKey: key)
            try probe.expect(
                again == committed, "a create repeated with the same key answers the first event \(committed), not \(again)")
        }
        let count = try await probe.subject.itemCount(tag: tag, in: calendar)
        try probe.expect(count == 1, "one event carries the tag after the ambiguous create and its retry, not \(count)")
        let read = try await provider.event(committed, in: calendar)
        try probe.expect(sameTime(read.time, event.time), "the committed event is the one asked for")
    }

    @Sendable static func throttling(_ probe: ConformanceProbe) async throws {
        let zone = "Europe/Paris"
        let calendar = try await probe.subject.addPerson(Self.ada).id
        let provider = probe.provider
        try probe.expect(provider.capabilities.inFlightLimit >= 1, "the provider allows at least one request in flight")
        let tag = Self.tag("throttled")
        let event = outgoing("Training: Patience", timed("2026-03-18T09:00", "2026-03-18T12:00", zone), zone: zone, tag: tag)
        let retryAfter = 0.5

        try await probe.subject.throttle(retryAfter: retryAfter)
        var waits: [Double] = []
        for (what, call) in [
            ("reading the zone", { _ = try await provider.timeZone(of: calendar) }),
            ("listing changes", { _ = try await provider.changes(in: calendar, window: window, from: nil) }),
            (
                "creating an event",
                { _ = try await provider.create(event, in: calendar, idempotencyKey: "conformance-throttled-1") }
            ),
        ] as [(String, () async throws -> Void)] {
            let error = try await probe.expectError([.throttled], "\(what) while the server throttles") { try await call() }
            guard let wait = error.retryAfter else { throw probe.fail("\(what): the throttled error carries no Retry-After") }
            try probe.expect(
                wait > 0 && wait <= retryAfter + 1, "\(what): Retry-After \(wait) s, the server said \(retryAfter) s")
            waits.append(wait)
        }
        try await probe.subject.clearFaults()
        try await Task.sleep(for: .seconds(waits.max() ?? retryAfter))
        try probe.expect(sameZone(try await provider.timeZone(of: calendar), zone), "after the wait, calls succeed")
        try probe.expect(try await provider.find(tag: tag, in: calendar) == nil, "a throttled create wrote nothing")
        try probe.expect(try await probe.subject.itemCount(tag: tag, in: calendar) == 0, "a throttled create stored nothing")
    }
}
