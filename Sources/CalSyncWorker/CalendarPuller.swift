import CalSyncCore
import CalSyncStore
import Foundation

/// Reads one person's calendar through its provider's change listing into busy blocks (docs/product-rules.md, pull
/// rules and reliability model: a cursor bound to its window when the provider's is; an expired cursor → a new full
/// listing without wiping blocks first; deletions only from reported removals or a completed full listing; a
/// calendar that suddenly loses most of its blocks is held, not emptied). A round is collected whole, judged, then
/// applied in one transaction.
struct CalendarPuller: Sendable {
    let store: CalSyncStore
    let clock: any WallClock
    let logger: Logger
    var guardrail = MassDeletionGuard()

    struct Outcome: Sendable {
        var upserted = 0
        var removed = 0
        var fullRound = false
        /// Set when the round's deletions were held back by the mass-deletion guard.
        var held: String?
        /// Our own pushed events seen in this round (changed, or reported removed).
        var ownChanged: [ExternalEvent] = []
        var ownRemoved: [String] = []
        /// The calendar's IANA zone the round was read in (all-day events are dates there).
        var calendarZone = "UTC"
    }

    func pull(
        instructor: Instructor, match: InstructorMatch, calendarId: CalendarID, integration: Integration,
        provider: any CalendarProvider
    ) async throws -> Outcome {
        let now = clock.now()
        let window = SyncWindow.window(at: now, settings: integration.settings)
        let previous = try await store.syncState(integrationId: integration.id, instructorId: instructor.id)
        let zoneName = try await calendarZoneName(match: match, calendarId: calendarId, provider: provider)
        let context = PullRules.Context(
            integrationId: integration.id, instructorId: instructor.id,
            calendarZone: TimeZone(identifier: zoneName) ?? TimeZone(identifier: "UTC")!,
            tentativeCountsAsBusy: integration.settings.tentativeCountsAsBusy,
            ownEventIds: try await store.mappedExternalIds(integrationId: integration.id, calendarId: calendarId))

        var resumable: SyncCursor? = nil
        if let previous, previous.calendarId == calendarId, Self.resumes(previous, in: window, provider.capabilities) {
            resumable = previous.cursor
        }
        var round: Round
        do {
            round = try await read(from: resumable, window: window, context: context, calendarId: calendarId, provider: provider)
        } catch let error as CalendarError where error.kind == .cursorExpired && resumable != nil {
            logger.info(
                "change cursor expired; starting a new full round",
                ["integration": integration.id, "instructor": instructor.id])
            round = try await read(from: nil, window: window, context: context, calendarId: calendarId, provider: provider)
        }
        if round.full {
            round.ownRemoved.formUnion(
                try await ownEventsMissing(from: round, window: window, context: context, calendarId: calendarId))
        }
        var outcome = try await apply(round, window: window, context: context, calendarId: calendarId, previous: previous)
        outcome.calendarZone = zoneName
        return outcome
    }

    /// Whether a stored cursor may be followed for this window: a cursor bound to its window only over that same
    /// window (a rolled window needs a full listing); an unbounded one whatever the window.
    static func resumes(_ state: SyncState, in window: TimeRange, _ capabilities: ProviderCapabilities) -> Bool {
        switch capabilities.changeTracking {
        case .windowed, .detectThenRelist: state.window == window
        case .unbounded: true
        }
    }

    /// The calendar's zone, which all-day events are dates in. When it is not known yet (it could not be read when
    /// the person was matched), it is read now and remembered; if it still cannot be read, the pull fails with that
    /// error: all-day events are never stored as UTC dates for want of a zone.
    func calendarZoneName(match: InstructorMatch, calendarId: CalendarID, provider: any CalendarProvider) async throws
        -> String
    {
        if let known = match.calendarTimeZone { return known }
        let zone = try await provider.timeZone(of: calendarId)
        var learned = match
        learned.calendarTimeZone = TimeZone(identifier: zone) != nil ? zone : "UTC"
        if learned.calendarTimeZone == "UTC", zone.uppercased() != "UTC" {
            logger.warning("calendar time zone not known; using UTC", ["calendar": calendarId, "timeZone": zone])
        }
        _ = try? await store.saveMatches([learned])
        return learned.calendarTimeZone ?? "UTC"
    }

    /// A full round (first pull, rolled window, or a new round after an expired cursor) lists what exists and reports
    /// no removals: our pushed events that should lie in the window but were not listed may have been deleted in the
    /// calendar. They are handed to drift repair as removal candidates, which recreates only those a read proves
    /// gone (not found). Without this, an event deleted while the cursor was lost stayed missing for good.
    func ownEventsMissing(from round: Round, window: TimeRange, context: PullRules.Context, calendarId: CalendarID)
        async throws -> Set<String>
    {
        let unseen = context.ownEventIds.subtracting(round.seenOwn).subtracting(round.ownRemoved)
        guard !unseen.isEmpty else { return [] }
        var missing = Set<String>()
        for mapping in try await store.mappings(instructorId: context.instructorId)
        where mapping.key.integrationId == context.integrationId && mapping.calendarId == calendarId {
            guard let id = mapping.externalId, unseen.contains(id) else { continue }
            if mapping.key.itemKind == .event {
                // Only events that should be listed: scheduled, and inside the window.
                guard let event = try await store.trainingEvent(id: mapping.key.itemId), event.status == .scheduled,
                    event.range.overlaps(window)
                else { continue }
            } else if mapping.key.itemKind == .absence {
                // Only active absences with a day in the window (a day either side: the calendar zone's offset).
                guard let absence = try await store.absence(id: AbsenceRules.absenceId(ofItem: mapping.key.itemId)),
                    absence.isActive,
                    absence.end.date.adding(days: 1).startOfDay(in: TimeZone(identifier: "UTC")!) > window.start,
                    absence.start.date.adding(days: -1).startOfDay(in: TimeZone(identifier: "UTC")!) < window.end
                else { continue }
            }
            missing.insert(id)
        }
        return missing
    }

    /// Everything one round of changes said, before it is applied.
    struct Round: Sendable {
        var full: Bool
        var blocks: [String: BusyBlock] = [:]
        var removals = Set<String>()
        var ownChanged: [String: ExternalEvent] = [:]
        var ownRemoved = Set<String>()
        /// Our own pushed events (by mapped id) the round listed.
        var seenOwn = Set<String>()
        /// Where the next round resumes.
        var cursor = SyncCursor("")
    }

    func read(
        from start: SyncCursor?, window: TimeRange, context: PullRules.Context, calendarId: CalendarID,
        provider: any CalendarProvider
    ) async throws -> Round {
        var round = Round(full: start == nil)
        var cursor = start
        for _ in 0..<10_000 {
            let page = try await provider.changes(in: calendarId, window: window, from: cursor)
            if page.isFullListing { round.full = true }
            for change in page.changes {
                switch change {
                case .removed(let id):
                    round.blocks[id] = nil
                    round.removals.insert(id)
                    if context.ownEventIds.contains(id) { round.ownRemoved.insert(id) }
                case .upsert(let event):
                    round.ownRemoved.remove(event.id)
                    if context.ownEventIds.contains(event.id) { round.seenOwn.insert(event.id) }
                    switch PullRules.decide(event, context: context) {
                    case .block(let block) where block.range.overlaps(window):
                        round.blocks[block.externalId] = block
                        round.removals.remove(block.externalId)
                    case .skip(.ownEvent):
                        round.blocks[event.id] = nil
                        round.removals.insert(event.id)
                        if context.ownEventIds.contains(event.id) { round.ownChanged[event.id] = event }
                    case .block, .skip:
                        round.blocks[event.id] = nil
                        round.removals.insert(event.id)
                    }
                }
            }
            switch page.next {
            case .more(let next):
                cursor = next
            case .done(let next):
                round.cursor = next
                return round
            }
        }
        throw CalendarError(.transient, message: "a round of changes did not end after 10,000 pages")
    }

    func apply(_ round: Round, window: TimeRange, context: PullRules.Context, calendarId: CalendarID, previous: SyncState?)
        async throws -> Outcome
    {
        let known = try await store.busyBlockIds(integrationId: context.integrationId, instructorId: context.instructorId)
        let kept = Set(round.blocks.keys)
        let removed = round.full ? known.subtracting(kept) : known.intersection(round.removals)
        var outcome = Outcome(
            upserted: round.blocks.count, fullRound: round.full,
            ownChanged: Array(round.ownChanged.values), ownRemoved: Array(round.ownRemoved))
        var state = SyncState(
            integrationId: context.integrationId, instructorId: context.instructorId, calendarId: calendarId,
            cursor: round.cursor, windowStart: window.start, windowEnd: window.end, lastSuccessAt: clock.now())
        // An admin accepted the deletions held last time (`POST /v1/sync` with `acceptDeletions`): this round applies them.
        let accepted = previous?.deletionsAccepted == true
        if accepted, !removed.isEmpty {
            logger.info(
                "held deletions accepted by an admin; applying them",
                ["integration": context.integrationId, "instructor": context.instructorId, "removing": "\(removed.count)"])
        }
        if !accepted, let reason = guardrail.hold(known: known.count, removing: removed.count, keeping: kept.count) {
            // Keep what we know (upserts only add busy time), keep the old cursor, say so.
            outcome.held = reason
            state = previous ?? state
            state.lastErrorAt = clock.now()
            state.lastErrorCode = "mass_deletion_held"
            state.lastErrorHTTPStatus = nil
            state.lastErrorMessage = reason
            try await store.applyBusyChanges(
                integrationId: context.integrationId, instructorId: context.instructorId,
                upserts: Array(round.blocks.values), removals: [])
            try await store.saveSyncState(state)
            logger.warning(
                "mass deletion held",
                [
                    "integration": context.integrationId, "instructor": context.instructorId,
                    "reason": reason,
                ])
            return outcome
        }
        _ = try await store.completeRound(
            state, upserts: Array(round.blocks.values), removals: Array(round.removals),
            keeping: round.full ? kept : nil)
        outcome.removed = removed.count
        return outcome
    }
}
