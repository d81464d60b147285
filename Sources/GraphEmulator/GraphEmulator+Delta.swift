import CalSyncCore
import Foundation

// MARK: - GET /users/{id}/calendarView/delta (docs/microsoft-365.md §3b)

extension GraphEmulator {
    /// Query options real Graph rejects on calendarView delta.
    static let deltaUnsupportedOptions = ["$select", "$expand", "$filter", "$orderby", "$search", "$top"]

    func calendarViewDelta(_ key: String, token: AccessTokenRecord, _ context: inout RequestContext) throws -> GraphReply {
        guard token.hasAnyRole(AccessTokenRecord.calendarRead) else { throw GraphError.mailboxAccessDenied }
        let user = try mailboxUser(key)
        if Self.deltaUnsupportedOptions.contains(where: { context.queryNames.contains($0) }) {
            throw GraphError(
                status: 400, code: "ErrorInvalidUrlQuery",
                message:
                    "The following parameters are not supported with change tracking over the 'CalendarView' resource: '$orderby, $filter, $select, $expand, $search, $top'."
            )
        }
        var renderer = EventQuery.renderer(&context, zones: zones)
        renderer.includeODataType = true
        var pageSize = configuration.deltaDefaultPageSize
        if let preferred = context.prefer.maxPageSize, preferred >= 1 {
            pageSize = preferred
            context.appliedPreferences.append("odata.maxpagesize=\(preferred)")
        }
        let skipToken = context.query("$skiptoken")
        let deltaToken = context.query("$deltatoken")
        let window = skipToken == nil && deltaToken == nil ? try calendarWindow(context) : nil
        let path = context.versionedPath
        let ctx = context
        return try state.withLock { state -> GraphReply in
            let roundKey: String
            let pageIndex: Int
            if let skipToken {
                (roundKey, pageIndex) = try Self.openRound(skipToken, userId: user.id, state: state)
            } else if let deltaToken {
                guard case .state(let sync) = state.delta.entries[deltaToken], sync.userId == user.id else {
                    throw GraphError.syncStateNotFound(
                        generation: Self.tokenGeneration(deltaToken), highest: state.delta.highestGeneration)
                }
                roundKey = newRound(&state, user: user, window: sync.window, previous: sync, path: sync.path)
                pageIndex = 0
            } else {
                roundKey = newRound(&state, user: user, window: window!, previous: nil, path: path)
                pageIndex = 0
            }
            return Self.servePage(
                &state, roundKey: roundKey, pageIndex: pageIndex, pageSize: pageSize, user: user,
                renderer: renderer, context: ctx)
        }
    }

    /// Finds the round a `$skiptoken` names; older pages of a round go stale once a later one was read.
    static func openRound(_ token: String, userId: String, state: EmulatorState) throws(GraphError) -> (String, Int) {
        let parts = (Base64URL.decodeString(token) ?? "").split(separator: ":").map(String.init)
        let generation = parts.first.flatMap { Int($0) } ?? 0
        let stale = GraphError.syncStateNotFound(generation: generation, highest: state.delta.highestGeneration)
        guard parts.count == 3, let page = Int(parts[2]), case .round(let round) = state.delta.entries[parts[1]],
            round.userId == userId, page == round.pageStarts.count - 1 || page == round.pageStarts.count - 2
        else { throw stale }
        return (parts[1], page)
    }

    static func tokenGeneration(_ token: String) -> Int {
        (Base64URL.decodeString(token)?.split(separator: ":").first).flatMap { Int($0) } ?? 0
    }

    /// Starts a round: a full sync of the window, or the changes since `previous` — upserts for new or
    /// changed instances, `@removed` for instances gone from the window (deleted or moved out) and
    /// for single items changed outside the window (DOC: the client must ignore unknown ids).
    func newRound(
        _ state: inout EmulatorState, user: EmulatorTenant.User, window: TimeRange, previous: DeltaCache.SyncState?,
        path: String
    ) -> String {
        let mailbox = state.mailboxes[user.id] ?? Mailbox()
        if let previous, previous.window == window, !mailbox.changed(since: previous.changeGeneration) {
            // Nothing written since the previous round: an empty round with the same snapshot (the common idle
            // case, answered without expanding the calendar).
            let key = state.newToken(bytes: 12)
            let round = DeltaCache.Round(
                userId: user.id, window: window, items: [], snapshot: previous.snapshot,
                changeGeneration: state.changeGeneration, path: path, generation: state.delta.nextGeneration())
            state.delta.insert(key, .round(round))
            return key
        }
        let current = mailbox.instances(in: window)
        var items: [DeltaItem] = []
        if let previous {
            let currentIds = Set(current.map(\.id))
            for instance in current where previous.snapshot[instance.id] != instance.fingerprint {
                items.append(.upsert(instance))
            }
            for id in previous.snapshot.keys.sorted() where !currentIds.contains(id) { items.append(.removed(id)) }
            for event in mailbox.orderedEvents
            where event.generation > previous.changeGeneration && !event.isSeriesMaster
                && !currentIds.contains(event.id) && previous.snapshot[event.id] == nil
            {
                items.append(.removed(event.id))
            }
            for tombstone in mailbox.tombstones
            where tombstone.generation > previous.changeGeneration && !tombstone.wasSeries
                && previous.snapshot[tombstone.id] == nil
            {
                items.append(.removed(tombstone.id))
            }
        } else {
            items = current.map { .upsert($0) }
        }
        // Replays: the same item may come twice in a round (DOC); later, so order-sensitive clients notice.
        var withReplays = items
        for item in items {
            guard case .upsert = item, state.rng.chance(configuration.deltaReplayProbability) else { continue }
            let position = Int(state.rng.next() % UInt64(withReplays.count + 1))
            withReplays.insert(item, at: max(position, withReplays.count / 2))
        }
        let key = state.newToken(bytes: 12)
        let round = DeltaCache.Round(
            userId: user.id, window: window, items: withReplays,
            snapshot: Dictionary(current.map { ($0.id, $0.fingerprint) }, uniquingKeysWith: { a, _ in a }),
            changeGeneration: state.changeGeneration, path: path, generation: state.delta.nextGeneration())
        state.delta.insert(key, .round(round))
        return key
    }

    static func servePage(
        _ state: inout EmulatorState, roundKey: String, pageIndex: Int, pageSize: Int, user: EmulatorTenant.User,
        renderer: EventRenderer, context: RequestContext
    ) -> GraphReply {
        guard case .round(var round) = state.delta.entries[roundKey] else { return .ok([:]) }
        let start = round.pageStarts[pageIndex]
        let end = min(start + pageSize, round.items.count)
        round.pageStarts = Array(round.pageStarts.prefix(pageIndex + 1)) + [end]
        let value: [EmulatorJSON] = round.items[start..<end].map { item in
            switch item {
            case .upsert(let instance): return renderer.render(instance, owner: user)
            case .removed(let id):
                return ["@odata.type": "#microsoft.graph.event", "id": .string(id), "@removed": ["reason": "deleted"]]
            }
        }
        var body: [String: EmulatorJSON] = [
            "@odata.context": .string(context.serviceRoot + "/$metadata#Collection(event)"),
            "value": .array(value),
        ]
        if end < round.items.count {
            state.delta.update(roundKey, .round(round))
            let token = Base64URL.encode("\(round.generation):\(roundKey):\(pageIndex + 1)")
            body["@odata.nextLink"] = .string(context.link(path: round.path, query: [("$skiptoken", token)]))
        } else {
            state.delta.remove(roundKey)
            let token = Base64URL.encode("\(round.generation):" + state.newToken(bytes: 18))
            let sync = DeltaCache.SyncState(
                userId: round.userId, window: round.window, snapshot: round.snapshot,
                changeGeneration: round.changeGeneration, path: round.path, generation: round.generation)
            state.delta.insert(token, .state(sync))
            body["@odata.deltaLink"] = .string(context.link(path: round.path, query: [("$deltatoken", token)]))
        }
        return .ok(.object(body))
    }
}
