import CalSyncHTTP
import Foundation
import GraphEmulator
import Testing

/// Change notifications as a receiver sees them: for Graph and side-door writes, batched, retried, dropped,
/// stopped by expiry.
@Suite struct ChangeNotificationTests {
    static let jane = EmulatorHarness.jane

    @Test func graphWritesNotifyEachChangeType() async throws {
        let h = try SubscriptionHarness()
        let id = await h.subscribed()
        let created = await h.harness.send(.post, "/v1.0/users/\(Self.jane)/events", body: SubscriptionHarness.event)
        let eventId = try #require(created.json["id"]?.stringValue)
        let first = await h.receiver.waitForItems(1)
        try #require(first.count == 1)
        let item = first[0]
        #expect(item["subscriptionId"]?.stringValue == id)
        #expect(item["changeType"]?.stringValue == "created")
        #expect(item["clientState"]?.stringValue == "s3cret-state")
        #expect(item["tenantId"]?.stringValue == EmulatorHarness.tenantId)
        #expect(item["subscriptionExpirationDateTime"]?.stringValue == "2025-03-03T00:00:00.0000000Z")
        #expect(item["resource"]?.stringValue == "Users/\(Self.jane)/Events/\(eventId)")
        #expect(item["resourceData"]?["@odata.type"]?.stringValue == "#Microsoft.Graph.Event")
        #expect(item["resourceData"]?["@odata.id"]?.stringValue == "Users/\(Self.jane)/Events/\(eventId)")
        #expect(item["resourceData"]?["id"]?.stringValue == eventId)
        #expect(item["resourceData"]?["@odata.etag"]?.stringValue == created.json["@odata.etag"]?.stringValue)
        #expect(h.receiver.posts.first?.contentType?.hasPrefix("application/json") == true)
        #expect(h.receiver.posts.first?.path == "/graph")

        let patched = await h.harness.send(.patch, "/v1.0/users/\(Self.jane)/events/\(eventId)", body: #"{"subject":"Moved"}"#)
        #expect(patched.status == 200)
        let second = await h.receiver.waitForItems(2)
        #expect(second.last?["changeType"]?.stringValue == "updated")
        #expect(second.last?["resourceData"]?["@odata.etag"]?.stringValue == patched.json["@odata.etag"]?.stringValue)

        #expect(await h.harness.send(.delete, "/v1.0/users/\(Self.jane)/events/\(eventId)").status == 204)
        let third = await h.receiver.waitForItems(3)
        #expect(third.last?["changeType"]?.stringValue == "deleted")
        #expect(third.last?["resourceData"]?["id"]?.stringValue == eventId)
        #expect(await h.emulator.waitForNotifications())
        #expect(h.emulator.subscriptionStats().notificationsDelivered == 3)
    }

    @Test func sideDoorWritesNotifyToo() async throws {
        let h = try SubscriptionHarness()
        _ = await h.subscribed()
        let eventId = try h.emulator.addEvent(userId: Self.jane, json: SubscriptionHarness.event)
        _ = await h.receiver.waitForItems(1)
        try h.emulator.updateEvent(userId: Self.jane, eventId: eventId, json: #"{"subject":"Edited in Outlook"}"#)
        _ = await h.receiver.waitForItems(2)
        let overHTTP = await h.harness.send(.delete, "/_emulator/users/\(Self.jane)/events/\(eventId)", authorized: false)
        #expect(overHTTP.status == 204)
        let items = await h.receiver.waitForItems(3)
        #expect(items.compactMap { $0["changeType"]?.stringValue } == ["created", "updated", "deleted"])
        #expect(items.allSatisfy { $0["resourceData"]?["id"]?.stringValue == eventId })
    }

    @Test func onlyTheSubscribedMailboxAndChangeTypesAreNotified() async throws {
        let h = try SubscriptionHarness()
        _ = await h.subscribed(changeType: "deleted")
        let eventId = try h.emulator.addEvent(userId: Self.jane, json: SubscriptionHarness.event)
        try h.emulator.updateEvent(userId: Self.jane, eventId: eventId, json: #"{"subject":"x"}"#)
        _ = try h.emulator.addEvent(userId: EmulatorHarness.bob, json: SubscriptionHarness.event)
        try h.emulator.removeEvent(userId: Self.jane, eventId: eventId)
        #expect(await h.emulator.waitForNotifications())
        #expect(h.receiver.accepted.compactMap { $0["changeType"]?.stringValue } == ["deleted"])
    }

    @Test func pendingChangesArriveBatchedInOnePost() async throws {
        let h = try SubscriptionHarness { $0.batchDelayMilliseconds = 300 }
        let janes = await h.subscribed()
        let bobs = await h.subscribed(user: EmulatorHarness.bob)
        for _ in 0..<3 { _ = try h.emulator.addEvent(userId: Self.jane, json: SubscriptionHarness.event) }
        _ = try h.emulator.addEvent(userId: EmulatorHarness.bob, json: SubscriptionHarness.event)
        #expect(await h.emulator.waitForNotifications())
        let posts = h.receiver.posts
        #expect(posts.count == 1)
        #expect(posts.first?.items.compactMap { $0["subscriptionId"]?.stringValue } == [janes, janes, janes, bobs])
    }

    @Test func batchesAreCutAtTheMaximumSize() async throws {
        let h = try SubscriptionHarness {
            $0.batchDelayMilliseconds = 300
            $0.maxBatchSize = 2
        }
        _ = await h.subscribed()
        for _ in 0..<5 { _ = try h.emulator.addEvent(userId: Self.jane, json: SubscriptionHarness.event) }
        #expect(await h.emulator.waitForNotifications())
        #expect(h.receiver.posts.map(\.items.count).sorted() == [1, 2, 2])
    }

    @Test func aFailingReceiverIsRetriedUntilItAccepts() async throws {
        let h = try SubscriptionHarness(.init(failFirst: 2, failureStatus: 500))
        _ = await h.subscribed()
        let eventId = try h.emulator.addEvent(userId: Self.jane, json: SubscriptionHarness.event)
        #expect(await h.emulator.waitForNotifications())
        let posts = h.receiver.posts
        #expect(posts.count == 3)
        #expect(Set(posts.compactMap { $0.items.first?["resourceData"]?["id"]?.stringValue }) == [eventId])
        #expect(h.receiver.accepted.count == 1)
        let stats = h.emulator.subscriptionStats()
        #expect((stats.notificationsFailed, stats.notificationsRetried, stats.notificationsDelivered) == (2, 2, 1))
        #expect(stats.deliveryRequests == 3)
        #expect(stats.notificationsDropped == 0)
    }

    @Test func aReceiverThatKeepsFailingIsDroppedAfterTheLimit() async throws {
        let h = try SubscriptionHarness(.init(failFirst: 1000)) { $0.maxAttempts = 4 }
        _ = await h.subscribed()
        _ = try h.emulator.addEvent(userId: Self.jane, json: SubscriptionHarness.event)
        #expect(await h.emulator.waitForNotifications())
        #expect(h.receiver.posts.count == 4)
        #expect(h.emulator.subscriptionStats().notificationsDropped == 1)

        let windowed = try SubscriptionHarness(.init(failFirst: 1000)) { $0.retryForSeconds = 1 }
        _ = await windowed.subscribed()
        _ = try windowed.emulator.addEvent(userId: Self.jane, json: SubscriptionHarness.event)
        #expect(await windowed.emulator.waitForNotifications())
        #expect(windowed.receiver.posts.count >= 2)
        #expect(windowed.emulator.subscriptionStats().notificationsDropped == 1)
    }

    @Test func aReceiverSlowerThanTheDeliveryTimeoutCountsAsFailed() async throws {
        let h = try SubscriptionHarness(.init(notificationDelay: .seconds(2))) {
            $0.deliveryTimeoutSeconds = 0.2
            $0.maxAttempts = 2
        }
        _ = await h.subscribed()
        _ = try h.emulator.addEvent(userId: Self.jane, json: SubscriptionHarness.event)
        #expect(await h.emulator.waitForNotifications())
        #expect(h.receiver.posts.count == 2)
        let stats = h.emulator.subscriptionStats()
        #expect((stats.notificationsDelivered, stats.notificationsFailed, stats.notificationsDropped) == (0, 2, 1))
    }

    @Test func anExpiredSubscriptionDeliversNothing() async throws {
        let h = try SubscriptionHarness()
        _ = await h.subscribe(expiration: "2025-03-01T00:30:00Z")
        h.harness.clock.advance(by: 1801)
        _ = try h.emulator.addEvent(userId: Self.jane, json: SubscriptionHarness.event)
        #expect(await h.emulator.waitForNotifications())
        #expect(h.receiver.posts.isEmpty)
        #expect(h.emulator.subscriptionStats().expired == 1)
    }

    @Test func aDeletedSubscriptionDeliversNothing() async throws {
        let h = try SubscriptionHarness()
        let id = await h.subscribed()
        #expect(await h.harness.send(.delete, "/v1.0/subscriptions/\(id)").status == 204)
        _ = try h.emulator.addEvent(userId: Self.jane, json: SubscriptionHarness.event)
        #expect(await h.emulator.waitForNotifications())
        #expect(h.receiver.posts.isEmpty)
    }
}
