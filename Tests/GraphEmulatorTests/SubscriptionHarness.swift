import CalSyncHTTP
import Foundation
import GraphEmulator

/// An emulator whose notifications go to an in-process `NotificationReceiver`, with short delays for tests.
struct SubscriptionHarness {
    let harness: EmulatorHarness
    let receiver: NotificationReceiver
    var emulator: GraphEmulator { harness.emulator }

    static let hook = "https://hooks.test/graph"
    static let lifecycleHook = "https://hooks.test/graph-lifecycle"
    /// Two days after the harness clock's start.
    static let inTwoDays = "2025-03-03T00:00:00Z"

    init(_ behaviour: NotificationReceiver.Behaviour = .init(), adjust: (inout SubscriptionSettings) -> Void = { _ in }) throws {
        var configuration = EmulatorConfiguration()
        configuration.subscriptions.batchDelayMilliseconds = 20
        configuration.subscriptions.retryInitialDelaySeconds = 0.01
        configuration.subscriptions.retryMaxDelaySeconds = 0.04
        configuration.subscriptions.validationTimeoutSeconds = 2
        adjust(&configuration.subscriptions)
        receiver = NotificationReceiver(behaviour)
        harness = try EmulatorHarness(configuration: configuration, notificationTransport: InProcessTransport(receiver))
    }

    /// `POST /v1.0/subscriptions` with the given fields (nil leaves a field out).
    func subscribe(
        user: String = EmulatorHarness.jane, changeType: String = "created,updated,deleted", url: String = hook,
        lifecycle: String? = nil, expiration: String? = inTwoDays, clientState: String? = "s3cret-state",
        resource: String? = nil
    ) async -> EmulatorHarness.Reply {
        var body: [String: EmulatorJSON] = [
            "changeType": .string(changeType), "notificationUrl": .string(url),
            "resource": .string(resource ?? "users/\(user)/events"),
        ]
        if let lifecycle { body["lifecycleNotificationUrl"] = .string(lifecycle) }
        if let expiration { body["expirationDateTime"] = .string(expiration) }
        if let clientState { body["clientState"] = .string(clientState) }
        return await harness.send(.post, "/v1.0/subscriptions", body: EmulatorJSON.object(body).serialized)
    }

    /// Subscribes and returns the new subscription's id (empty when the create failed).
    func subscribed(user: String = EmulatorHarness.jane, changeType: String = "created,updated,deleted", url: String = hook)
        async -> String
    {
        await subscribe(user: user, changeType: changeType, url: url).json["id"]?.stringValue ?? ""
    }

    static let event = """
        {"subject":"Dentist","start":{"dateTime":"2025-03-04T09:00:00","timeZone":"UTC"},
         "end":{"dateTime":"2025-03-04T10:00:00","timeZone":"UTC"}}
        """
}
