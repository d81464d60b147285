import Foundation

/// What `MailboxGate` limits: one mailbox (Outlook's limits apply per app and mailbox, docs/microsoft-365.md §7),
/// or the directory (`/users` and other tenant-wide calls, which have their own limits).
///
/// `scope` separates apps: `GraphClient` uses its Graph base URL, tenant id and client id, so two
/// integrations of the same app registration share their mailboxes' limits and different apps do not.
public struct MailboxKey: Hashable, Sendable, CustomStringConvertible {
    public enum Target: Hashable, Sendable {
        /// A user's mailbox: the id or user principal name from the path, lowercased.
        case mailbox(String)
        /// Directory-wide calls (`GET /users`, …).
        case directory
    }

    public let scope: String
    public let target: Target

    public init(scope: String, target: Target) {
        self.scope = scope
        switch target {
        case .mailbox(let id): self.target = .mailbox(id.lowercased())
        case .directory: self.target = .directory
        }
    }

    public static func mailbox(_ userId: String, scope: String = "") -> MailboxKey {
        MailboxKey(scope: scope, target: .mailbox(userId))
    }

    public static func directory(scope: String = "") -> MailboxKey {
        MailboxKey(scope: scope, target: .directory)
    }

    /// The key of a Graph request: the segment after `users` (`/users/{id}/…` or `/users('{id}')/…`),
    /// percent-decoded and lowercased; `directory` when the path names no user.
    public static func forRequest(_ url: URL, scope: String) -> MailboxKey {
        let path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for (index, segment) in segments.enumerated() {
            let lowered = segment.lowercased()
            if lowered == "users" {
                guard index + 1 < segments.count else { break }
                return .mailbox(decoded(segments[index + 1]), scope: scope)
            }
            if lowered.hasPrefix("users("), lowered.hasSuffix(")") {
                // OData key syntax: users('id') or users(id), possibly percent-encoded.
                var inner = decoded(String(segment.dropFirst("users(".count).dropLast()))
                if inner.count >= 2, inner.hasPrefix("'"), inner.hasSuffix("'") {
                    inner = String(inner.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
                }
                guard !inner.isEmpty else { break }
                return .mailbox(inner, scope: scope)
            }
        }
        return .directory(scope: scope)
    }

    private static func decoded(_ segment: String) -> String {
        segment.removingPercentEncoding ?? segment
    }

    public var description: String {
        switch target {
        case .mailbox(let id): return "mailbox \(id)"
        case .directory: return "directory"
        }
    }
}
