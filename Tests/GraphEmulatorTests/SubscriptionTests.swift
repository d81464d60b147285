import CalSyncCore
import CalSyncHTTP
import CalSyncTesting
import Foundation
import GraphEmulator
import Testing

/// `POST/GET/PATCH/DELETE /subscriptions`: the validation handshake, the limits, renewals and listing.
@Suite struct SubscriptionTests {
    @Test func createRunsTheHandshakeOnEachURLAndAnswers201() async throws {
        let h = try SubscriptionHarness()
        let reply = await h.subscribe(lifecycle: SubscriptionHarness.lifecycleHook)
        #expect(reply.status == 201)
        #expect(reply.json["@odata.context"]?.stringValue == "http://graph.test:8080/v1.0/$metadata#subscriptions/$entity")
        #expect(reply.json["resource"]?.stringValue == "users/\(EmulatorHarness.jane)/events")
        #expect(reply.json["changeType"]?.stringValue == "created,updated,deleted")
        #expect(reply.json["clientState"]?.stringValue == "s3cret-state")
        #expect(reply.json["notificationUrl"]?.stringValue == SubscriptionHarness.hook)
        #expect(reply.json["lifecycleNotificationUrl"]?.stringValue == SubscriptionHarness.lifecycleHook)
        #expect(reply.json["applicationId"]?.stringValue == EmulatorHarness.appId)
        #expect(reply.json["expirationDateTime"]?.stringValue == "2025-03-03T00:00:00.0000000Z")
        #expect(reply.json["id"]?.stringValue?.count == 36)
        let handshakes = h.receiver.handshakes
        #expect(handshakes.map(\.path) == ["/graph", "/graph-lifecycle"])
        // The receiver got the token URL-decoded (it has spaces and colons) as Graph sends it, as text/plain.
        #expect(handshakes.allSatisfy { $0.query["validationToken"]?.hasPrefix("Validation: Testing client") == true })
        #expect(handshakes.first?.contentType == "text/plain; charset=utf-8")
        #expect(h.emulator.subscriptionStats().created == 1)
    }

    @Test func aFailedHandshakeAnswers400AndCreatesNothing() async throws {
        let cases: [(NotificationReceiver.Behaviour, String, String)] = [
            (.init(handshakeStatus: 500), "ValidationError", "must respond with 200 OK"),
            (.init(handshakeBody: "something else"), "ValidationError", "must exactly match validationToken"),
            (.init(handshakeContentType: "application/json"), "ValidationError", "must exactly match validationToken"),
            (.init(handshakeDelay: .seconds(2)), "InvalidRequest", "Subscription validation request timed out."),
        ]
        for (behaviour, code, message) in cases {
            let h = try SubscriptionHarness(behaviour) { $0.validationTimeoutSeconds = 0.3 }
            let reply = await h.subscribe()
            #expect(reply.status == 400)
            #expect(reply.errorCode == code)
            #expect(reply.json["error"]?["message"]?.stringValue?.contains(message) == true)
            #expect(await h.harness.get("/v1.0/subscriptions").value.isEmpty)
            #expect(h.emulator.subscriptionStats().handshakesFailed == 1)
            #expect(h.emulator.subscriptionStats().created == 0)
        }
    }

    @Test func anEchoThatIsStillURLEncodedFails() async throws {
        let h = try SubscriptionHarness(.init(handshakeBody: "Validation%3A+Testing"))
        #expect(await h.subscribe().errorCode == "ValidationError")
    }

    @Test func aLifecycleURLThatFailsItsHandshakeFailsTheCreate() async throws {
        let h = try SubscriptionHarness(.init(refusedPaths: ["/graph-lifecycle"]))
        let reply = await h.subscribe(lifecycle: SubscriptionHarness.lifecycleHook)
        #expect(reply.status == 400)
        #expect(reply.errorCode == "ValidationError")
        #expect(h.receiver.handshakes.map(\.path) == ["/graph", "/graph-lifecycle"])
        #expect(await h.harness.get("/v1.0/subscriptions").value.isEmpty)
    }

    @Test func anUnreachableURLFailsTheHandshake() async throws {
        let socketless = try EmulatorHarness(notificationTransport: CurlTransport(maxConnections: 1))
        let body = """
            {"changeType":"created","notificationUrl":"http://127.0.0.1:1/hook","resource":"users/\(EmulatorHarness.jane)/events",
             "expirationDateTime":"\(SubscriptionHarness.inTwoDays)"}
            """
        let refused = await socketless.send(.post, "/v1.0/subscriptions", body: body)
        #expect(refused.status == 400)
        #expect(refused.errorCode == "ValidationError")
    }

    @Test func expiryLimitIsTheOutlookMaximum() async throws {
        let h = try SubscriptionHarness()
        let beyond = await h.subscribe(expiration: "2025-03-08T00:00:01Z")  // 10,080 minutes + 1 s
        #expect(beyond.status == 400)
        #expect(beyond.errorCode == "ExtensionError")
        #expect(
            beyond.json["error"]?["message"]?.stringValue == "Subscription expiration can only be 10080 minutes in the future.")
        #expect(await h.subscribe(expiration: "2025-03-08T00:00:00Z").status == 201)
        #expect(await h.subscribe(expiration: "2025-02-28T23:00:00Z").errorCode == "ExtensionError")
        #expect(await h.subscribe(expiration: nil).status == 400)
        #expect(await h.subscribe(expiration: "next tuesday").status == 400)

        let older = try SubscriptionHarness { $0.maxLifetimeMinutes = 4230 }
        let reply = await older.subscribe(expiration: "2025-03-05T00:00:00Z")
        #expect(reply.json["error"]?["message"]?.stringValue == "Subscription expiration can only be 4230 minutes in the future.")
    }

    @Test func requestFieldsAreChecked() async throws {
        let h = try SubscriptionHarness()
        #expect(await h.subscribe(clientState: String(repeating: "x", count: 128)).status == 201)
        #expect(await h.subscribe(clientState: String(repeating: "x", count: 129)).status == 400)
        #expect(await h.subscribe(changeType: "created,moved").status == 400)
        #expect(await h.subscribe(changeType: "").status == 400)
        #expect(await h.subscribe(changeType: "updated").status == 201)
        let me = await h.subscribe(resource: "me/events")
        #expect(me.status == 400)
        #expect(me.json["error"]?["message"]?.stringValue?.contains("/me request is only valid with delegated") == true)
        #expect(await h.subscribe(resource: "/users/jane.doe@contoso.example/events").status == 201)
        #expect(await h.subscribe(resource: "users/\(EmulatorHarness.jane)/calendarView").status == 400)
        #expect(await h.subscribe(resource: "users/nobody@contoso.example/events").errorCode == "ErrorInvalidUser")
        #expect(await h.subscribe(url: "http://hooks.test/graph").status == 400)
        #expect(await h.subscribe(url: "http://127.0.0.1:8123/graph").status == 201)
        #expect(await h.subscribe(url: "not a url").status == 400)
        #expect(await h.subscribe(lifecycle: "ftp://hooks.test/x").status == 400)
        #expect(await h.harness.send(.post, "/v1.0/subscriptions", body: "{").status == 400)
        let plain = await h.harness.send(.post, "/v1.0/subscriptions", body: "{}", headers: ["Content-Type": "text/plain"])
        #expect(plain.status == 415)
        #expect(h.receiver.handshakes.count == 4)  // only valid requests reach the receiver
    }

    @Test func permissionsAreTheAppsRoles() async throws {
        let h = try SubscriptionHarness()
        let noRoles = try h.emulator.issueAccessToken(clientId: "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f")
        let body = """
            {"changeType":"created","notificationUrl":"\(SubscriptionHarness.hook)","resource":"users/\(EmulatorHarness.jane)/events",
             "expirationDateTime":"\(SubscriptionHarness.inTwoDays)"}
            """
        let denied = await h.harness.send(
            .post, "/v1.0/subscriptions", body: body, headers: ["Authorization": "Bearer \(noRoles)"])
        #expect(denied.status == 403)
        #expect(denied.errorCode == "ErrorAccessDenied")
        #expect(await h.harness.send(.get, "/v1.0/subscriptions", authorized: false).status == 401)
        #expect(h.receiver.handshakes.isEmpty)
    }

    @Test func listRenewAndDelete() async throws {
        let h = try SubscriptionHarness()
        let id = await h.subscribed()
        let list = await h.harness.get("/v1.0/subscriptions")
        #expect(list.status == 200)
        #expect(list.value.compactMap { $0["id"]?.stringValue } == [id])
        #expect(await h.harness.get("/v1.0/subscriptions/\(id)").json["id"]?.stringValue == id)

        let renewed = await h.harness.send(
            .patch, "/v1.0/subscriptions/\(id)", body: #"{"expirationDateTime":"2025-03-07T12:00:00Z"}"#)
        #expect(renewed.status == 200)
        #expect(renewed.json["expirationDateTime"]?.stringValue == "2025-03-07T12:00:00.0000000Z")
        let tooFar = await h.harness.send(
            .patch, "/v1.0/subscriptions/\(id)", body: #"{"expirationDateTime":"2025-03-09T00:00:00Z"}"#)
        #expect(tooFar.errorCode == "ExtensionError")
        let other = await h.harness.send(.patch, "/v1.0/subscriptions/\(id)", body: #"{"clientState":"new"}"#)
        #expect(other.status == 400)
        #expect(
            await h.harness.get("/v1.0/subscriptions/\(id)").json["expirationDateTime"]?.stringValue
                == "2025-03-07T12:00:00.0000000Z")

        #expect(await h.harness.send(.delete, "/v1.0/subscriptions/\(id)").status == 204)
        #expect(await h.harness.get("/v1.0/subscriptions/\(id)").status == 404)
        #expect(await h.harness.send(.delete, "/v1.0/subscriptions/\(id)").status == 404)
        #expect(
            await h.harness.send(.patch, "/v1.0/subscriptions/unknown", body: #"{"expirationDateTime":"2025-03-04T00:00:00Z"}"#)
                .status == 404)
        #expect(await h.harness.get("/v1.0/subscriptions").value.isEmpty)
        #expect(await h.harness.send(.put, "/v1.0/subscriptions/\(id)", body: "{}").status == 405)
        let stats = h.emulator.subscriptionStats()
        #expect((stats.created, stats.renewed, stats.deleted) == (1, 1, 1))
    }

    @Test func anAppSeesOnlyItsOwnSubscriptions() async throws {
        var tenant = try EmulatorTenant(contentsOf: EmulatorHarness.tenantPath)
        tenant.apps.append(.init(clientId: "other-app", clientSecret: "x", roles: ["Calendars.Read"]))
        let receiver = NotificationReceiver()
        let emulator = GraphEmulator(
            tenant: tenant, zones: EmulatorHarness.zones, clock: ManualClock(Timestamp.parse("2025-03-01T00:00:00Z")!),
            notificationTransport: InProcessTransport(receiver))
        func send(_ method: HTTPMethod, _ target: String, _ token: String, body: String = "") async -> HTTPResponse {
            var headers = HTTPHeaders()
            headers["Authorization"] = "Bearer \(token)"
            headers["Content-Type"] = "application/json"
            return await emulator.respond(
                to: HTTPRequest(method: method, target: target, headers: headers, body: Data(body.utf8)))
        }
        let mine = try emulator.issueAccessToken(clientId: EmulatorHarness.appId)
        let theirs = try emulator.issueAccessToken(clientId: "other-app")
        let body = """
            {"changeType":"created","notificationUrl":"\(SubscriptionHarness.hook)","resource":"users/\(EmulatorHarness.jane)/events",
             "expirationDateTime":"\(SubscriptionHarness.inTwoDays)"}
            """
        let created = await send(.post, "/v1.0/subscriptions", mine, body: body)
        #expect(created.status == 201)
        let id = try #require(try EmulatorJSON.parse(created.body)["id"]?.stringValue)
        let listed = try EmulatorJSON.parse(await send(.get, "/v1.0/subscriptions", theirs).body)
        #expect(listed["value"]?.arrayValue?.isEmpty == true)
        #expect(await send(.get, "/v1.0/subscriptions/\(id)", theirs).status == 404)
        #expect(await send(.delete, "/v1.0/subscriptions/\(id)", theirs).status == 404)
        #expect(await send(.get, "/v1.0/subscriptions/\(id)", mine).status == 200)
        // Calendars.Read is enough to subscribe.
        #expect(await send(.post, "/v1.0/subscriptions", theirs, body: body).status == 201)
    }

    @Test func anExpiredSubscriptionDisappears() async throws {
        let h = try SubscriptionHarness()
        let reply = await h.subscribe(expiration: "2025-03-01T00:30:00Z")
        let id = try #require(reply.json["id"]?.stringValue)
        h.harness.clock.advance(by: 1801)  // the access token (3599 s) still works
        #expect(await h.harness.get("/v1.0/subscriptions").value.isEmpty)
        #expect(await h.harness.get("/v1.0/subscriptions/\(id)").status == 404)
        let renewal = await h.harness.send(
            .patch, "/v1.0/subscriptions/\(id)", body: #"{"expirationDateTime":"2025-03-02T00:00:00Z"}"#)
        #expect(renewal.status == 404)
        #expect(h.emulator.subscriptionStats().expired == 1)
    }
}
