import CalSyncHTTP
import Foundation
import Testing

@testable import GoogleEmulator

/// The emulator's routes and scope checks against Google's discovery documents (fixtures/google/*.json).
@Suite struct GoogleDiscoveryTests {
    @Test func everyCalendarMethodTheEmulatorServesIsWhereDiscoverySaysWithItsScopes() throws {
        let discovery = try GoogleHarness.fixture("calendar.v3.json")
        #expect(discovery["servicePath"] == "calendar/v3/")
        #expect(GoogleRoute.parse("/" + (discovery["batchPath"]?.stringValue ?? "")) == .batch)
        let served: [(resource: String, method: String, expected: GoogleRoute)] = [
            ("calendars", "get", .calendar("primary")),
            ("settings", "get", .setting("timezone")),
            ("events", "list", .events("primary")),
            ("events", "insert", .events("primary")),
            ("events", "get", .event("primary", "abc12345")),
            ("events", "patch", .event("primary", "abc12345")),
            ("events", "delete", .event("primary", "abc12345")),
        ]
        for (resource, name, expected) in served {
            let method = try #require(discovery["resources"]?[resource]?["methods"]?[name])
            let path = try #require(method["path"]?.stringValue)
                .replacingOccurrences(of: "{calendarId}", with: "primary").replacingOccurrences(of: "{eventId}", with: "abc12345")
                .replacingOccurrences(of: "{setting}", with: "timezone")
            let route = GoogleRoute.parse("/calendar/v3/" + path)
            #expect(route == expected, "\(resource).\(name)")
            let scopes = Set(method["scopes"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            let httpMethod = HTTPMethod(try #require(method["httpMethod"]?.stringValue))
            #expect(route.acceptedScopes(httpMethod) == scopes, "\(resource).\(name)")
        }
    }

    @Test func directoryUsersListIsWhereDiscoverySaysWithItsScopes() throws {
        let discovery = try GoogleHarness.fixture("admin.directory_v1.json")
        let method = try #require(discovery["resources"]?["users"]?["methods"]?["list"])
        #expect(discovery["servicePath"] == "")
        let route = GoogleRoute.parse("/" + (method["path"]?.stringValue ?? ""))
        #expect(route == .users)
        #expect(route.acceptedScopes(.get) == Set(method["scopes"]?.arrayValue?.compactMap(\.stringValue) ?? []))
        #expect(method["parameters"]?["maxResults"]?["maximum"] == "500")
        #expect(method["parameters"]?["maxResults"]?["default"] == "100")
    }

    @Test func listParametersForbiddenWithSyncTokensAreTheOnesDiscoveryNames() throws {
        let discovery = try GoogleHarness.fixture("calendar.v3.json")
        let description = try #require(
            discovery["resources"]?["events"]?["methods"]?["list"]?["parameters"]?["syncToken"]?["description"]?.stringValue)
        for name in GoogleEventQuery.notWithSyncToken { #expect(description.contains("- \(name)"), "\(name)") }
        let maxResults = discovery["resources"]?["events"]?["methods"]?["list"]?["parameters"]?["maxResults"]
        #expect(maxResults?["default"]?.stringValue == String(GoogleEmulatorConfiguration().eventsDefaultPageSize))
        #expect(maxResults?["description"]?.stringValue?.contains("never be larger than 2500") == true)
    }
}
