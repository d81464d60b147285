import CalSyncHTTP
import Foundation

// MARK: - Delivering change notifications (asynchronous, batched, retried)

extension GraphEmulator {
    /// What posts handshakes and notifications when the emulator is given no transport.
    static let sharedNotificationTransport: any HTTPTransport = CurlTransport(
        maxConnections: 8, userAgent: "GraphEmulator-ChangeNotifications")

    /// Starts a delivery round when changes are pending and none is scheduled. Called after every request and
    /// every in-process side-door write, never under the lock: the round runs in its own task.
    func scheduleDeliveries() {
        let start = state.withLock { state -> Bool in
            guard !state.subscriptions.pending.isEmpty, !state.subscriptions.roundScheduled else { return false }
            state.subscriptions.roundScheduled = true
            state.subscriptions.inFlight += 1
            return true
        }
        guard start else { return }
        Task { await self.deliveryRound() }
    }

    /// Waits `batchDelayMilliseconds` so a burst collects, then posts every pending change: one POST per
    /// notification URL (several subscriptions may share one), at most `maxBatchSize` items each.
    func deliveryRound() async {
        let settings = configuration.subscriptions
        await Self.pause(.milliseconds(max(0, settings.batchDelayMilliseconds)))
        let now = clock.now()
        let tenantId = tenant.tenantId
        let batches = state.withLock { state -> [NotificationBatch] in
            state.subscriptions.roundScheduled = false
            state.subscriptions.inFlight -= 1
            state.subscriptions.purgeExpired(now: now)
            let changes = state.subscriptions.pending
            state.subscriptions.pending = []
            let subscriptions = state.subscriptions.byId.values.sorted { $0.id < $1.id }
            var urls: [String] = []
            var grouped: [String: NotificationBatch] = [:]
            for change in changes {
                for subscription in subscriptions
                where subscription.userId == change.userId && subscription.changeTypes.contains(change.changeType) {
                    let url = subscription.notificationUrl
                    if grouped[url] == nil {
                        urls.append(url)
                        grouped[url] = NotificationBatch(url: url, items: [], subscriptionIds: [], isLifecycle: false)
                    }
                    let item = Self.changeNotification(
                        change, subscription, tenantId: tenantId, id: state.rng.uuidString().lowercased())
                    grouped[url]?.items.append(item)
                    grouped[url]?.subscriptionIds.append(subscription.id)
                }
            }
            let size = max(1, settings.maxBatchSize)
            let batches = urls.flatMap { url -> [NotificationBatch] in
                let whole = grouped[url]!
                return stride(from: 0, to: whole.items.count, by: size).map { start in
                    let end = min(start + size, whole.items.count)
                    return NotificationBatch(
                        url: url, items: Array(whole.items[start..<end]),
                        subscriptionIds: Array(whole.subscriptionIds[start..<end]),
                        isLifecycle: false)
                }
            }
            state.subscriptions.inFlight += batches.count
            return batches
        }
        for batch in batches { Task { await self.deliver(batch) } }
        scheduleDeliveries()
    }

    /// POSTs a batch; on a transport error, a timeout or a non-2xx answer, retries after a doubling delay until
    /// `retryForSeconds` (or `maxAttempts`) runs out, then drops it. Items of a subscription that expired or was
    /// deleted meanwhile are not sent again.
    func deliver(_ first: NotificationBatch) async {
        let settings = configuration.subscriptions
        let started = ContinuousClock.now
        var batch = first
        var attempt = 1
        while !batch.items.isEmpty {
            let delivered = await post(batch, timeout: settings.deliveryTimeoutSeconds)
            let count = batch.items.count
            state.withLock { state in
                state.subscriptions.stats.deliveryRequests += 1
                if batch.isLifecycle {
                    if delivered { state.subscriptions.stats.lifecycleDelivered += count }
                } else if delivered {
                    state.subscriptions.stats.notificationsDelivered += count
                } else {
                    state.subscriptions.stats.notificationsFailed += count
                }
            }
            if delivered { break }
            let delay = settings.retryDelay(attempt)
            let elapsed = Self.seconds(started.duration(to: .now))
            if settings.maxAttempts.map({ attempt >= $0 }) ?? false || elapsed + delay > settings.retryForSeconds {
                state.withLock { state in
                    if batch.isLifecycle {
                        state.subscriptions.stats.lifecycleDropped += count
                    } else {
                        state.subscriptions.stats.notificationsDropped += count
                    }
                }
                break
            }
            await Self.pause(.milliseconds(Int(delay * 1000)))
            attempt += 1
            let now = clock.now()
            batch = state.withLock { state in
                state.subscriptions.purgeExpired(now: now)
                // A lifecycle `subscriptionRemoved` concerns a subscription that is gone on purpose.
                let next = batch.isLifecycle ? batch : batch.keeping(Set(state.subscriptions.byId.keys))
                if !next.isLifecycle { state.subscriptions.stats.notificationsRetried += next.items.count }
                return next
            }
        }
        state.withLock { $0.subscriptions.inFlight -= 1 }
    }

    /// One POST of `{"value":[…]}`; true for a 2xx within `timeout` seconds.
    func post(_ batch: NotificationBatch, timeout: Double) async -> Bool {
        guard let url = URL(string: batch.url) else { return false }
        var headers = HTTPHeaders()
        headers["Content-Type"] = "application/json; charset=utf-8"
        let request = HTTPClientRequest(method: .post, url: url, headers: headers, body: batch.body.data, timeout: timeout)
        do {
            let response = try await withTimeout(seconds: timeout) { [notificationTransport] in
                try await notificationTransport.send(request)
            }
            return (200..<300).contains(response.status)
        } catch {
            return false
        }
    }

    /// Waits until no change is pending and no delivery (with its retries) is under way, or `timeout` passes.
    /// Returns whether everything settled.
    public func waitForNotifications(timeout: Duration = .seconds(10)) async -> Bool {
        // At least `timeout` and at least as many 5 ms polls: a saturated machine gets more time, not a false answer.
        let deadline = ContinuousClock.now + timeout
        let polls = Int(timeout / .milliseconds(5))
        var polled = 0
        while ContinuousClock.now < deadline || polled < polls {
            polled += 1
            let idle = state.withLock { state in
                state.subscriptions.pending.isEmpty && !state.subscriptions.roundScheduled && state.subscriptions.inFlight == 0
            }
            if idle { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    /// A change notification as Graph posts it (the resource and `@odata.id` name the user by object id).
    static func changeNotification(_ change: EventChange, _ subscription: Subscription, tenantId: String, id: String)
        -> EmulatorJSON
    {
        let path = "Users/\(change.userId)/Events/\(change.eventId)"
        return [
            "id": .string(id),
            "subscriptionId": .string(subscription.id),
            "subscriptionExpirationDateTime": .string(GraphDateFormat.offsetDateTime(subscription.expiration)),
            "changeType": .string(change.changeType),
            "resource": .string(path),
            "resourceData": [
                "@odata.type": "#Microsoft.Graph.Event",
                "@odata.id": .string(path),
                "@odata.etag": .string("W/\"\(change.changeKey)\""),
                "id": .string(change.eventId),
            ],
            "clientState": subscription.clientState.map { .string($0) } ?? .null,
            "tenantId": .string(tenantId),
        ]
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
