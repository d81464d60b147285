import CalSyncCore
import CalSyncHTTP
import CalSyncTesting
import Foundation
import GraphEmulator
import MicrosoftCalendarKit

/// One emulator loaded from the contoso tenant file, plus request helpers.
struct EmulatorHarness {
    static let tenantPath = Fixtures.path("tenants/contoso.json")
    static let zonesPath = Fixtures.path("cldr/windowsZones.xml")
    static let zones = try! WindowsZones(contentsOf: zonesPath)

    static let appId = "5b1e7c2a-9d4f-4e3b-8a6c-1f2e3d4c5b6a"
    static let appSecret = "calsync-demo-secret~value"
    static let tenantId = "8f2d6a1e-3b4c-4d5e-9f60-7a8b9c0d1e2f"
    static let jane = "11111111-aaaa-4bbb-8ccc-000000000001"
    static let bob = "11111111-aaaa-4bbb-8ccc-000000000002"
    static let carol = "11111111-aaaa-4bbb-8ccc-000000000003"
    static let dan = "11111111-aaaa-4bbb-8ccc-000000000004"
    static let propertyId = "String {6B5C8D0F-2A1E-4C3B-9F7E-CA15C0DE5EC1} Name CalSyncItem"

    let emulator: GraphEmulator
    let clock: ManualClock
    let token: String

    init(
        configuration: EmulatorConfiguration = .init(), now: String = "2025-03-01T00:00:00Z",
        notificationTransport: (any HTTPTransport)? = nil
    ) throws {
        let tenant = try EmulatorTenant(contentsOf: Self.tenantPath)
        clock = ManualClock(Timestamp.parse(now)!)
        emulator = GraphEmulator(
            tenant: tenant, configuration: configuration, zones: Self.zones, clock: clock,
            notificationTransport: notificationTransport)
        token = try emulator.issueAccessToken(clientId: Self.appId)
    }

    struct Reply {
        let response: HTTPResponse
        var status: Int { response.status }
        var json: EmulatorJSON { (try? EmulatorJSON.parse(response.body)) ?? .null }
        var value: [EmulatorJSON] { json["value"]?.arrayValue ?? [] }
        var errorCode: String? { json["error"]?["code"]?.stringValue }
        func header(_ name: String) -> String? { response.headers[name] }
    }

    /// Sends a request with the harness token (unless `authorized` is false or a header overrides it).
    func send(
        _ method: HTTPMethod, _ target: String, body: String? = nil, headers: [String: String] = [:], authorized: Bool = true
    ) async -> Reply {
        var h = HTTPHeaders()
        h["Host"] = "graph.test:8080"
        if authorized { h["Authorization"] = "Bearer \(token)" }
        if body != nil { h["Content-Type"] = "application/json" }
        for (name, value) in headers { h[name] = value }
        let request = HTTPRequest(method: method, target: target, headers: h, body: Data((body ?? "").utf8))
        let response = await emulator.respond(to: request)
        response.onDelivered?()  // the answer reaches this client now (as a transport reports it)
        return Reply(response: response)
    }

    func get(_ target: String, headers: [String: String] = [:]) async -> Reply {
        await send(.get, target, headers: headers)
    }

    /// Follows an absolute link verbatim (only the path and query are used).
    func follow(_ link: String, headers: [String: String] = [:]) async -> Reply {
        let url = URL(string: link)!
        let target = url.path(percentEncoded: true) + (url.query(percentEncoded: true).map { "?" + $0 } ?? "")
        return await send(.get, target, headers: headers)
    }

    /// Every item of a delta round (following nextLinks) and the final deltaLink.
    func deltaRound(_ first: String, headers: [String: String] = [:]) async -> (
        items: [EmulatorJSON], deltaLink: String?, pages: Int
    ) {
        var reply = first.hasPrefix("http") ? await follow(first, headers: headers) : await get(first, headers: headers)
        var items: [EmulatorJSON] = []
        var pages = 1
        while true {
            items += reply.value
            guard let next = reply.json["@odata.nextLink"]?.stringValue else { break }
            reply = await follow(next, headers: headers)
            pages += 1
            if pages > 100 { break }
        }
        return (items, reply.json["@odata.deltaLink"]?.stringValue, pages)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~$")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!
    }
}
