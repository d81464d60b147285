import CalSyncCore
import CalSyncHTTP
import Foundation
import Testing

@testable import CalSyncAPI

@Suite struct AuthenticatorTests {
    let authenticator = Authenticator(tokens: [
        .init(Secret("reader-token"), role: .reader), .init(Secret("admin-token"), role: .admin), .init(Secret(""), role: .admin),
    ])

    func role(_ header: String?) -> Role? {
        var headers = HTTPHeaders()
        if let header { headers.add("authorization", header) }
        return authenticator.role(for: HTTPRequest(method: .get, target: "/v1/instructors", headers: headers))
    }

    @Test func bearerTokensMapToTheirRoles() {
        #expect(role("Bearer reader-token") == .reader)
        #expect(role("Bearer admin-token") == .admin)
        // The scheme is case-insensitive; blanks around the token do not count.
        #expect(role("bearer admin-token") == .admin)
        #expect(role("BEARER \t admin-token \t") == .admin)
    }

    @Test func anythingElseHasNoRole() {
        for header in [
            nil, "", "Bearer", "Bearer ", "Bearer    ", "Basic admin-token", "Bearer admin-token2", "Bearer admin-toke",
            "Bearer admin token", "Bearerx admin-token", "Bearer\tadmin-token", "Bearer ADMIN-TOKEN", "admin-token",
        ] {
            #expect(role(header) == nil, "\(header ?? "no header")")
        }
        // An empty configured token never matches anything.
        #expect(
            Authenticator(tokens: [.init(Secret(""), role: .admin)]).role(
                for: HTTPRequest(method: .get, target: "/", headers: ["Authorization": "Bearer "])) == nil)
    }

    @Test func requestIdsAreVersion4UUIDsInLowerCase() {
        #expect(RequestID.format(high: 0, low: 0) == "00000000-0000-4000-8000-000000000000")
        #expect(RequestID.format(high: .max, low: .max) == "ffffffff-ffff-4fff-bfff-ffffffffffff")
        #expect(
            RequestID.format(high: 0x0123_4567_89ab_cdef, low: 0xfedc_ba98_7654_3210) == "01234567-89ab-4def-bedc-ba9876543210")
        let ids = (0..<100).map { _ in RequestID.make() }
        #expect(Set(ids).count == 100)
        #expect(ids.allSatisfy { UUID(uuidString: $0) != nil && $0 == $0.lowercased() })
    }
}
