import CalSyncAPI
import CalSyncCore
import Foundation

/// Fresh API tokens for one demo run, one per role. They are printed on purpose: the demo shows how
/// to call the API. (Real tokens come from the configuration or CALSYNC_*_TOKEN and are never printed.)
struct DemoTokens {
    let admin = "demo-admin-" + Self.random()
    let scheduler = "demo-scheduler-" + Self.random()
    let reader = "demo-reader-" + Self.random()

    var all: [Authenticator.Token] {
        [.init(Secret(admin), role: .admin), .init(Secret(scheduler), role: .scheduler), .init(Secret(reader), role: .reader)]
    }

    static func random() -> String { String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)) }

    func curlExamples(base: String) -> String {
        let utc = TimeZone(identifier: "UTC")!
        let today = LocalDate(Date(), in: utc)
        let from = "\(today)T00:00:00Z"
        let to = "\(today.adding(days: 7))T00:00:00Z"
        let start = "\(today.adding(days: 2))T14:00:00+01:00"
        let end = "\(today.adding(days: 2))T17:00:00+01:00"
        return """
              API:            \(base)  (OpenAPI at \(base)/openapi.json)
              Admin pages:    \(base)/admin  (sign in with the ADMIN token below; READER gives read-only pages)
              Try it (these demo tokens live as long as this process):
                export ADMIN=\(admin) SCHEDULER=\(scheduler) READER=\(reader)
                curl -s -H "Authorization: Bearer $READER" \(base)/v1/instructors
                curl -s -H "Authorization: Bearer $READER" "\(base)/v1/instructors/i-ana/availability?from=\(from)&to=\(to)"
                curl -s -X PUT -H "Authorization: Bearer $SCHEDULER" -H 'Content-Type: application/json' \\
                  -d '{"title":"Swift Testing","start":"\(start)","end":"\(end)","timeZone":"Europe/Paris","instructorIds":["i-dev"]}' \\
                  \(base)/v1/events/t-testing-101
                curl -s -H "Authorization: Bearer $READER" "\(base)/v1/conflicts?from=\(from)&to=\(to)"
                curl -s -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d '{}' \(base)/v1/sync
                curl -s -H "Authorization: Bearer $ADMIN" \(base)/v1/sync/status
                curl -s -H "Authorization: Bearer $ADMIN" "\(base)/v1/sync/operations?limit=5"
                curl -s -H "Authorization: Bearer $READER" \(base)/metrics

            """
    }
}
