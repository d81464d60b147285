import CalSyncCore
import CalSyncStore
import Foundation

/// Reads one person's calendar through calendarView delta into busy blocks (design.md, pull rules
/// and reliability model: delta links bound to a fixed window; 410 → a new initial round without
/// wiping blocks first; deletions only from `@removed` or a completed full relist).
struct CalendarPuller: Sendable {
    let store: CalSyncStore
    let zones: WindowsZones
    let clock: any WallClock
    let logger: Logger

    struct Outcome: Sendable {
        var upserted = 0
        var removed = 0
        var fullRound = false
    }

    func pull(instructor: Instructor, match: InstructorMatch, userId: String, integration: Integration,
              provider: any CalendarProvider) async throws -> Outcome {
        let now = clock.now()
        let window = SyncWindow.window(at: now, settings: integration.settings)
        let previous = try await store.deltaState(integrationId: integration.id, instructorId: instructor.id)
        let zoneName = match.mailboxTimeZone ?? instructor.timeZone ?? "UTC"
        let context = PullRules.Context(
            integrationId: integration.id, instructorId: instructor.id,
            mailboxZone: TimeZone(identifier: zoneName) ?? TimeZone(identifier: "UTC")!,
            tentativeCountsAsBusy: integration.settings.tentativeCountsAsBusy,
            ownEventIds: try await store.mappedExternalIds(integrationId: integration.id, calendarUserId: userId))

        var resumable: String? = nil
        if let previous, previous.calendarUserId == userId, previous.window == window { resumable = previous.deltaLink }
        do {
            return try await round(from: resumable, window: window, context: context, userId: userId, previous: previous,
                                   integration: integration, provider: provider)
        } catch let error as CalendarError where error.kind == .syncStateLost && resumable != nil {
            logger.info("delta token expired; starting a new initial round",
                        ["integration": integration.id, "instructor": instructor.id])
            return try await round(from: nil, window: window, context: context, userId: userId, previous: previous,
                                   integration: integration, provider: provider)
        }
    }

    /// One delta round: from a stored deltaLink (incremental) or from scratch (a full relist).
    func round(from deltaLink: String?, window: TimeRange, context: PullRules.Context, userId: String,
               previous: DeltaState?, integration: Integration, provider: any CalendarProvider) async throws -> Outcome {
        var outcome = Outcome(fullRound: deltaLink == nil)
        var cursor: DeltaCursor = deltaLink.map { .link($0) } ?? .initial(window)
        var kept = Set<String>()
        var known = try await store.busyBlockIds(integrationId: context.integrationId, instructorId: context.instructorId)
        var pages = 0
        while true {
            pages += 1
            guard pages <= 10_000 else {
                throw CalendarError(.transient, message: "delta round did not end after 10,000 pages")
            }
            let page = try await provider.calendarDelta(userId: userId, cursor: cursor)
            var upserts: [BusyBlock] = []
            var removals: [String] = []
            for change in page.changes {
                switch change {
                case .removed(let id):
                    removals.append(id)
                    kept.remove(id)
                case .upsert(let event):
                    switch PullRules.decide(event, context: context, zones: zones) {
                    case .block(let block) where block.range.overlaps(window):
                        upserts.append(block)
                        kept.insert(block.externalId)
                    case .block, .skip:
                        removals.append(event.id)
                        kept.remove(event.id)
                    }
                }
            }
            outcome.upserted += upserts.count
            let effectiveRemovals = Set(removals).intersection(known)
            known.subtract(removals)
            known.formUnion(upserts.map(\.externalId))
            if let next = page.nextLink {
                try await store.applyBusyChanges(integrationId: context.integrationId, instructorId: context.instructorId,
                                                 upserts: upserts, removals: removals)
                outcome.removed += effectiveRemovals.count
                cursor = .link(next)
                continue
            }
            guard let newDeltaLink = page.deltaLink else {
                throw CalendarError(.invalidRequest, message: "a delta page carried neither nextLink nor deltaLink")
            }
            let state = DeltaState(
                integrationId: context.integrationId, instructorId: context.instructorId, calendarUserId: userId,
                deltaLink: newDeltaLink, windowStart: window.start, windowEnd: window.end, lastSuccessAt: clock.now())
            let pruned = try await store.completeDeltaRound(state, upserts: upserts, removals: removals,
                                                            keeping: outcome.fullRound ? kept : nil)
            outcome.removed += effectiveRemovals.count + pruned
            return outcome
        }
    }
}
