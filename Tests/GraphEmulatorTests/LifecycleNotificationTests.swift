import CalSyncHTTP
import Foundation
import GraphEmulator
import Testing

/// Lifecycle notifications on demand (side door) and the subscription statistics it reports.
@Suite struct LifecycleNotificationTests {
    @Test func eachLifecycleEventReachesTheLifecycleURL() async throws {
        let h = try SubscriptionHarness()
        let created = await h.subscribe(lifecycle: SubscriptionHarness.lifecycleHook)
        let id = try #require(created.json["id"]?.stringValue)
        for event in ["reauthorizationRequired", "missed", "subscriptionRemoved"] {
            let reply = await h.harness.send(
                .post, "/_emulator/subscriptions/\(id)/lifecycle", body: #"{"lifecycleEvent":"\#(event)"}"#, authorized: false)
            #expect(reply.status == 202)
            #expect(await h.emulator.waitForNotifications())
        }
        let posts = h.receiver.posts
        #expect(posts.map(\.path) == ["/graph-lifecycle", "/graph-lifecycle", "/graph-lifecycle"])
        #expect(
            posts.compactMap { $0.items.first?["lifecycleEvent"]?.stringValue } == [
                "reauthorizationRequired", "missed", "subscriptionRemoved",
            ])
        let item = try #require(posts.first?.items.first)
        #expect(item["subscriptionId"]?.stringValue == id)
        #expect(item["clientState"]?.stringValue == "s3cret-state")
        #expect(item["tenantId"]?.stringValue == EmulatorHarness.tenantId)
        #expect(item["subscriptionExpirationDateTime"]?.stringValue == "2025-03-03T00:00:00.0000000Z")
        // subscriptionRemoved: Graph dropped it, so it is gone and notifies no more.
        #expect(await h.harness.get("/v1.0/subscriptions/\(id)").status == 404)
        _ = try h.emulator.addEvent(userId: EmulatorHarness.jane, json: SubscriptionHarness.event)
        #expect(await h.emulator.waitForNotifications())
        #expect(h.receiver.posts.count == 3)
        #expect(h.emulator.subscriptionStats().lifecycleDelivered == 3)
    }

    @Test func lifecycleRequestsAreChecked() async throws {
        let h = try SubscriptionHarness()
        let id = await h.subscribed()
        let withoutURL = await h.harness.send(
            .post, "/_emulator/subscriptions/\(id)/lifecycle", body: #"{"lifecycleEvent":"missed"}"#, authorized: false)
        #expect(withoutURL.status == 400)
        let unknown = await h.harness.send(
            .post, "/_emulator/subscriptions/nope/lifecycle", body: #"{"lifecycleEvent":"missed"}"#, authorized: false)
        #expect(unknown.status == 404)
        let badEvent = await h.harness.send(
            .post, "/_emulator/subscriptions/\(id)/lifecycle", body: #"{"lifecycleEvent":"later"}"#, authorized: false)
        #expect(badEvent.status == 400)
        #expect(h.receiver.posts.isEmpty)
    }

    @Test func sideDoorListsExpiresAndCounts() async throws {
        let h = try SubscriptionHarness()
        let id = await h.subscribed()
        let listed = await h.harness.send(.get, "/_emulator/subscriptions", authorized: false)
        #expect(listed.value.first?["userId"]?.stringValue == EmulatorHarness.jane)
        #expect(listed.value.first?["clientState"]?.stringValue == "s3cret-state")
        #expect(await h.harness.send(.post, "/_emulator/subscriptions/\(id)/expire", authorized: false).status == 204)
        _ = try h.emulator.addEvent(userId: EmulatorHarness.jane, json: SubscriptionHarness.event)
        #expect(await h.emulator.waitForNotifications())
        #expect(h.receiver.posts.isEmpty)
        let stats = await h.harness.send(.get, "/_emulator/stats", authorized: false)
        #expect(stats.json["subscriptions"]?["created"]?.intValue == 1)
        #expect(stats.json["subscriptions"]?["expired"]?.intValue == 1)
        #expect(stats.json["subscriptions"]?["notificationsDropped"]?.intValue == 0)
    }

    /// Over real sockets: the emulator's default transport (libcurl) posts to a CalSyncHTTP server.
    @Test func deliveryOverSocketsWithTheDefaultTransport() async throws {
        let receiver = NotificationReceiver()
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: receiver)
        let port = try server.start()
        defer { Task { await server.shutdown(timeout: 1) } }
        var settings = EmulatorConfiguration()
        settings.subscriptions.batchDelayMilliseconds = 20
        let harness = try EmulatorHarness(configuration: settings)
        let body = """
            {"changeType":"created,updated,deleted","notificationUrl":"http://127.0.0.1:\(port)/hooks/graph?tenant=a",
             "resource":"users/\(EmulatorHarness.jane)/events","expirationDateTime":"\(SubscriptionHarness.inTwoDays)"}
            """
        let created = await harness.send(.post, "/v1.0/subscriptions", body: body)
        #expect(created.status == 201)
        #expect(receiver.handshakes.first?.query["tenant"] == "a")
        let eventId = try harness.emulator.addEvent(userId: EmulatorHarness.jane, json: SubscriptionHarness.event)
        let items = await receiver.waitForItems(1)
        #expect(items.first?["resourceData"]?["id"]?.stringValue == eventId)
        #expect(receiver.posts.first?.query["tenant"] == "a")
    }
}
