import CalSyncHTTP
import Foundation

// MARK: - Subscriptions through the side door: lifecycle notifications on demand, expiry, listing, statistics

extension GraphEmulator {
    /// Posts a lifecycle notification for a subscription to its `lifecycleNotificationUrl` (asynchronously, with
    /// the same retries as change notifications). `subscriptionRemoved` also removes the subscription, as Graph
    /// does. Throws 404 for an unknown subscription and 400 when it has no lifecycle URL.
    public func sendLifecycleNotification(subscriptionId: String, event: SubscriptionLifecycleEvent) throws {
        let now = clock.now()
        let tenantId = tenant.tenantId
        let batch = try state.withLock { state -> NotificationBatch in
            state.subscriptions.purgeExpired(now: now)
            guard let subscription = state.subscriptions.byId[subscriptionId] else {
                throw GraphError.subscriptionNotFound(subscriptionId)
            }
            guard let url = subscription.lifecycleNotificationUrl else {
                throw GraphError(
                    status: 400, code: "InvalidRequest",
                    message: "Subscription '\(subscriptionId)' was created without a lifecycleNotificationUrl.")
            }
            if event == .subscriptionRemoved { state.subscriptions.byId[subscriptionId] = nil }
            state.subscriptions.inFlight += 1
            let item: EmulatorJSON = [
                "subscriptionId": .string(subscription.id),
                "subscriptionExpirationDateTime": .string(GraphDateFormat.offsetDateTime(subscription.expiration)),
                "tenantId": .string(tenantId),
                "clientState": subscription.clientState.map { .string($0) } ?? .null,
                "lifecycleEvent": .string(event.rawValue),
            ]
            return NotificationBatch(url: url, items: [item], subscriptionIds: [subscription.id], isLifecycle: true)
        }
        Task { await self.deliver(batch) }
    }

    /// Makes a subscription expire now: it delivers nothing more and disappears, as one Graph was not asked to renew.
    public func expireSubscription(id: String) throws {
        let now = clock.now()
        try state.withLock { state in
            guard state.subscriptions.byId[id] != nil else { throw GraphError.subscriptionNotFound(id) }
            state.subscriptions.byId[id]?.expiration = now
            state.subscriptions.purgeExpired(now: now)
        }
    }

    /// Subscriptions created, renewed, deleted and expired; handshakes failed; notifications delivered, failed,
    /// retried and dropped.
    public func subscriptionStats() -> SubscriptionStats {
        state.withLock { $0.subscriptions.stats }
    }

    /// Every live subscription of every app, as Graph renders it plus `userId` (side door only).
    func sideDoorSubscriptions() -> EmulatorJSON {
        let now = clock.now()
        let all = state.withLock { state in
            state.subscriptions.purgeExpired(now: now)
            return state.subscriptions.byId.values.sorted { $0.id < $1.id }
        }
        return [
            "value": .array(
                all.map { subscription in
                    guard case .object(var o) = subscription.json(serviceRoot: nil) else { return .null }
                    o["userId"] = .string(subscription.userId)
                    return .object(o)
                })
        ]
    }

    /// `/_emulator/subscriptions…`: list, `POST {id}/lifecycle` with `{"lifecycleEvent":"missed"}`, `POST {id}/expire`.
    func sideDoorSubscriptionReply(_ parts: [String], _ context: RequestContext) throws -> GraphReply {
        let method = context.request.method
        switch (method, parts.count) {
        case (.get, 1):
            return .ok(sideDoorSubscriptions())
        case (.post, 3) where parts[2] == "lifecycle":
            let body = try parseSideDoorBody(context.request.body)
            let names = SubscriptionLifecycleEvent.allCases.map(\.rawValue)
            guard let name = body["lifecycleEvent"]?.stringValue, let event = SubscriptionLifecycleEvent(rawValue: name) else {
                throw GraphError(
                    status: 400, code: "BadRequest", message: "lifecycleEvent must be one of \(names.joined(separator: ", ")).")
            }
            try sendLifecycleNotification(subscriptionId: parts[1], event: event)
            return GraphReply(status: 202, body: ["subscriptionId": .string(parts[1]), "lifecycleEvent": .string(name)])
        case (.post, 3) where parts[2] == "expire":
            try expireSubscription(id: parts[1])
            return .noContent
        default:
            throw GraphError(
                status: 404, code: "UnknownError",
                message: "No side-door route for \(method.rawValue) /_emulator/\(parts.joined(separator: "/")).")
        }
    }
}
