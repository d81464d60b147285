import CalSyncCore
import CalSyncHTTP
import Foundation

// MARK: - /subscriptions and /subscriptions/{id} (docs/microsoft-365.md, "Change notifications (emulator)")

extension GraphEmulator {
    /// Authenticates, then creates, lists, reads, renews or deletes; errors in Graph's shape.
    func handleSubscriptions(_ route: GraphRoute, _ context: inout RequestContext) async -> HTTPResponse {
        do {
            let token = try authenticate(context)
            // Calendars.Read is enough to subscribe to a mailbox's events (DOC).
            guard token.hasAnyRole(AccessTokenRecord.calendarRead) else { throw GraphError.mailboxAccessDenied }
            let method = context.request.method
            let reply: GraphReply
            switch route {
            case .subscriptions:
                try require(method, [.get, .post])
                reply =
                    method == .get
                    ? listSubscriptions(token: token, context) : try await createSubscription(token: token, context)
            case .subscription(let id):
                try require(method, [.get, .patch, .delete])
                if method == .get {
                    reply = .ok(try subscription(id, token: token, context).json(serviceRoot: context.serviceRoot))
                } else if method == .patch {
                    reply = try renewSubscription(id, token: token, context)
                } else {
                    reply = try deleteSubscription(id, token: token, context)
                }
            default:
                throw GraphError.segmentNotFound(context.request.path)
            }
            return render(reply, context)
        } catch let error as GraphError {
            return render(error, context)
        } catch {
            return render(GraphError(status: 400, code: "BadRequest", message: "\(error)"), context)
        }
    }

    /// Checks the body, runs the validation handshake on each URL, then stores the subscription (201).
    func createSubscription(token: AccessTokenRecord, _ context: RequestContext) async throws -> GraphReply {
        let settings = configuration.subscriptions
        let request = try SubscriptionRequest(jsonBody(context), now: context.now, settings: settings)
        let user = try mailboxUser(request.userKey)
        for url in [request.notificationUrl] + (request.lifecycleNotificationUrl.map { [$0] } ?? []) {
            if let failure = await validationHandshake(url, timeout: settings.validationTimeoutSeconds) {
                state.withLock { $0.subscriptions.stats.handshakesFailed += 1 }
                throw failure
            }
        }
        let subscription = state.withLock { state in
            let subscription = Subscription(
                id: state.rng.uuidString().lowercased(), resource: request.resource, userId: user.id,
                changeType: request.changeType, notificationUrl: request.notificationUrl,
                lifecycleNotificationUrl: request.lifecycleNotificationUrl, expiration: request.expiration,
                clientState: request.clientState, applicationId: token.clientId,
                creatorId: Self.creatorId(forApplication: token.clientId),
                latestSupportedTlsVersion: request.latestSupportedTlsVersion)
            state.subscriptions.byId[subscription.id] = subscription
            state.subscriptions.stats.created += 1
            return subscription
        }
        return .created(subscription.json(serviceRoot: context.serviceRoot))
    }

    /// The app's own subscriptions (an app sees only what it created).
    func listSubscriptions(token: AccessTokenRecord, _ context: RequestContext) -> GraphReply {
        let now = context.now
        let owned = state.withLock { state in
            state.subscriptions.purgeExpired(now: now)
            return state.subscriptions.owned(by: token.clientId)
        }
        return .ok([
            "@odata.context": .string(context.serviceRoot + "/$metadata#subscriptions"),
            "value": .array(owned.map { $0.json(serviceRoot: nil) }),
        ])
    }

    func subscription(_ id: String, token: AccessTokenRecord, _ context: RequestContext) throws(GraphError) -> Subscription {
        let now = context.now
        let found = state.withLock { state in
            state.subscriptions.purgeExpired(now: now)
            return state.subscriptions.byId[id]
        }
        guard let found, found.applicationId == token.clientId else { throw GraphError.subscriptionNotFound(id) }
        return found
    }

    /// `PATCH` with a new `expirationDateTime` (nothing else may change), within the lifetime limit.
    func renewSubscription(_ id: String, token: AccessTokenRecord, _ context: RequestContext) throws -> GraphReply {
        let body = try jsonBody(context)
        _ = try subscription(id, token: token, context)
        let expiration = try SubscriptionRequest.renewal(body, now: context.now, settings: configuration.subscriptions)
        let renewed = try state.withLock { state -> Subscription in
            guard var found = state.subscriptions.byId[id] else { throw GraphError.subscriptionNotFound(id) }
            found.expiration = expiration
            state.subscriptions.byId[id] = found
            state.subscriptions.stats.renewed += 1
            return found
        }
        return .ok(renewed.json(serviceRoot: context.serviceRoot))
    }

    func deleteSubscription(_ id: String, token: AccessTokenRecord, _ context: RequestContext) throws(GraphError) -> GraphReply {
        _ = try subscription(id, token: token, context)
        state.withLock { state in
            if state.subscriptions.byId.removeValue(forKey: id) != nil { state.subscriptions.stats.deleted += 1 }
        }
        return .noContent
    }

    /// A stable id for the app's service principal (what Graph reports as `creatorId` for app-only calls).
    static func creatorId(forApplication clientId: String) -> String {
        StableHash.uuid("service principal " + clientId)
    }
}
