import CalSyncProviderKit
import Foundation

extension InFlightKey {
    /// The key of a Graph request: the user's mailbox (Outlook's limits apply per app and mailbox,
    /// docs/microsoft-365.md §7), from the segment after `users` (`/users/{id}/…` or `/users('{id}')/…`),
    /// percent-decoded and lowercased; the account (the directory and other tenant-wide calls, which have their own
    /// limits) when the path names no user.
    public static func forRequest(_ url: URL, scope: String) -> InFlightKey {
        let path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for (index, segment) in segments.enumerated() {
            let lowered = segment.lowercased()
            if lowered == "users" {
                guard index + 1 < segments.count else { break }
                return .calendar(decoded(segments[index + 1]), scope: scope)
            }
            if lowered.hasPrefix("users("), lowered.hasSuffix(")") {
                // OData key syntax: users('id') or users(id), possibly percent-encoded.
                var inner = decoded(String(segment.dropFirst("users(".count).dropLast()))
                if inner.count >= 2, inner.hasPrefix("'"), inner.hasSuffix("'") {
                    inner = String(inner.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
                }
                guard !inner.isEmpty else { break }
                return .calendar(inner, scope: scope)
            }
        }
        return .account(scope: scope)
    }

    private static func decoded(_ segment: String) -> String {
        segment.removingPercentEncoding ?? segment
    }

    /// The key in Graph's words ("mailbox …", "directory"), as CalSync's messages have always named it.
    var graphName: String {
        switch target {
        case .calendar(let id): return "mailbox \(id)"
        case .account: return "directory"
        }
    }
}
