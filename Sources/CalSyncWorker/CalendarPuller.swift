import CalSyncCore
import CalSyncStore
import Foundation

/// Reads one person's calendar through calendarView delta into busy blocks (docs/product-rules.md, pull rules
/// and reliability model: delta links bound to a fixed window; 410 → a new initial round without
/// wiping blocks first; deletions only from `@removed` or a completed full relist; a mailbox that
/// suddenly loses most of its blocks is held, not emptied). A round is collected whole, judged,
/// then applied in one transaction.
struct CalendarPuller: Sendable {
    let store: CalSyncStore
    let zones: WindowsZones
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
        /// The mailbox's IANA zone the round was read in (all-day events are dates there).
        var mailboxZone = "UTC"
    }

    func pull(instructor: Instructor, match: InstructorMatch, userId: String, integration: Integration,
              provider: any CalendarProvider) async throws -> Outcome {
        let now = clock.now()
        let window = SyncWindow.window(at: now, settings: integration.settings)
        let previous = try await store.deltaState(integrationId: integration.id, instructorId: instructor.id)
        let zoneName = try await mailboxZoneName(match: match, userId: userId, provider: provider)
        let context = PullRules.Context(
            integrationId: integration.id, instructorId: instructor.id,
            mailboxZone: TimeZone(identifier: zoneName) ?? TimeZone(identifier: "UTC")!,
            tentativeCountsAsBusy: integration.settings.tentativeCountsAsBusy,
            ownEventIds: try await store.mappedExternalIds(integrationId: integration.id, calendarUserId: userId))

        var resumable: String? = nil
        if let previous, previous.calendarUserId == userId, previous.window == window { resumable = previous.deltaLink }
        var round: Round
        do {
            round = try await read(from: resumable, window: window, context: context, userId: userId, provider: provider)
        } catch let error as CalendarError where error.kind == .syncStateLost && resumable != nil {
            logger.info("delta token expired; starting a new initial round",
                        ["integration": integration.id, "instructor": instructor.id])
            round = try await read(from: nil, window: window, context: context, userId: userId, provider: provider)
        }
        if round.full {
            round.ownRemoved.formUnion(try await ownEventsMissing(from: round, window: window, context: context, userId: userId))
        }
        var outcome = try await apply(round, window: window, context: context, userId: userId, previous: previous)
        outcome.mailboxZone = zoneName
        return outcome
    }

    /// The mailbox's zone, which all-day events are dates in. When it is not known yet (the mailbox settings could
    /// not be read when the person was matched), it is read now and remembered; if it still cannot be read, the pull
    /// fails with that error: all-day events are never stored as UTC dates for want of a zone.
    func mailboxZoneName(match: InstructorMatch, userId: String, provider: any CalendarProvider) async throws -> String {
        if let known = match.mailboxTimeZone { return known }
        let raw = try await provider.mailboxTimeZone(userId: userId)
        var learned = match
        learned.mailboxTimeZone = zones.ianaName(for: raw) ?? "UTC"
        if learned.mailboxTimeZone == "UTC", raw.uppercased() != "UTC" {
            logger.warning("mailbox time zone not mapped by CLDR; using UTC", ["mailbox": userId, "timeZone": raw])
        }
        _ = try? await store.saveMatches([learned])
        return learned.mailboxTimeZone ?? "UTC"
    }

    /// A full round (first pull, rolled window, or a new round after 410) lists what exists and reports no
    /// `@removed`: our pushed events that should lie in the window but were not listed may have been deleted in the
    /// calendar. They are handed to drift repair as removal candidates, which recreates only those a GET proves
    /// gone (404). Without this, an event deleted while the delta token was lost stayed missing for good.
    func ownEventsMissing(from round: Round, window: TimeRange, context: PullRules.Context, userId: String) async throws
        -> Set<String>
    {
        let unseen = context.ownEventIds.subtracting(round.seenOwn).subtracting(round.ownRemoved)
        guard !unseen.isEmpty else { return [] }
        var missing = Set<String>()
        for mapping in try await store.mappings(instructorId: context.instructorId)
        where mapping.key.integrationId == context.integrationId && mapping.calendarUserId == userId {
            guard let id = mapping.externalId, unseen.contains(id) else { continue }
            if mapping.key.itemKind == .event {
                // Only events that should be listed: scheduled, and inside the window.
                guard let event = try await store.trainingEvent(id: mapping.key.itemId), event.status == .scheduled,
                    event.range.overlaps(window)
                else { continue }
            } else if mapping.key.itemKind == .absence {
                // Only active absences with a day in the window (a day either side: the mailbox zone's offset).
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

    /// Everything one delta round said, before it is applied.
    struct Round: Sendable {
        var full: Bool
        var blocks: [String: BusyBlock] = [:]
        var removals = Set<String>()
        var ownChanged: [String: ExternalEvent] = [:]
        var ownRemoved = Set<String>()
        /// Our own pushed events (by mapped id) the round listed.
        var seenOwn = Set<String>()
        var deltaLink = ""
    }

    func read(from deltaLink: String?, window: TimeRange, context: PullRules.Context, userId: String,
              provider: any CalendarProvider) async throws -> Round {
        var round = Round(full: deltaLink == nil)
        var cursor: DeltaCursor = deltaLink.map { .link($0) } ?? .initial(window)
        for _ in 0..<10_000 {
            let page = try await provider.calendarDelta(userId: userId, cursor: cursor)
            for change in page.changes {
                switch change {
                case .removed(let id):
                    round.blocks[id] = nil
                    round.removals.insert(id)
                    if context.ownEventIds.contains(id) { round.ownRemoved.insert(id) }
                case .upsert(let event):
                    round.ownRemoved.remove(event.id)
                    if context.ownEventIds.contains(event.id) { round.seenOwn.insert(event.id) }
                    switch PullRules.decide(event, context: context, zones: zones) {
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
            if let next = page.nextLink {
                cursor = .link(next)
                continue
            }
            guard let link = page.deltaLink else {
                throw CalendarError(.transient, code: "InvalidResponse", message: "a delta page carried neither nextLink nor deltaLink")
            }
            round.deltaLink = link
            return round
        }
        throw CalendarError(.transient, message: "delta round did not end after 10,000 pages")
    }

    func apply(_ round: Round, window: TimeRange, context: PullRules.Context, userId: String, previous: DeltaState?) async throws
        -> Outcome
    {
        let known = try await store.busyBlockIds(integrationId: context.integrationId, instructorId: context.instructorId)
        let kept = Set(round.blocks.keys)
        let removed = round.full ? known.subtracting(kept) : known.intersection(round.removals)
        var outcome = Outcome(upserted: round.blocks.count, fullRound: round.full,
                              ownChanged: Array(round.ownChanged.values), ownRemoved: Array(round.ownRemoved))
        var state = DeltaState(
            integrationId: context.integrationId, instructorId: context.instructorId, calendarUserId: userId,
            deltaLink: round.deltaLink, windowStart: window.start, windowEnd: window.end, lastSuccessAt: clock.now())
        // An admin accepted the deletions held last time (`POST /v1/sync` with `acceptDeletions`): this round applies them.
        let accepted = previous?.deletionsAccepted == true
        if accepted, !removed.isEmpty {
            logger.info("held deletions accepted by an admin; applying them",
                        ["integration": context.integrationId, "instructor": context.instructorId, "removing": "\(removed.count)"])
        }
        if !accepted, let reason = guardrail.hold(known: known.count, removing: removed.count, keeping: kept.count) {
            // Keep what we know (upserts only add busy time), keep the old delta link, say so.
            outcome.held = reason
            state = previous ?? state
            state.lastErrorAt = clock.now()
            state.lastErrorCode = "mass_deletion_held"
            state.lastErrorHTTPStatus = nil
            state.lastErrorMessage = reason
            try await store.applyBusyChanges(integrationId: context.integrationId, instructorId: context.instructorId,
                                             upserts: Array(round.blocks.values), removals: [])
            try await store.saveDeltaState(state)
            logger.warning("mass deletion held", ["integration": context.integrationId, "instructor": context.instructorId,
                                                  "reason": reason])
            return outcome
        }
        _ = try await store.completeDeltaRound(state, upserts: Array(round.blocks.values), removals: Array(round.removals),
                                               keeping: round.full ? kept : nil)
        outcome.removed = removed.count
        return outcome
    }
}
