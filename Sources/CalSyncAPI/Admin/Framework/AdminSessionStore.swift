import Foundation
import Synchronization

/// The admin pages' sessions, in memory (a restart signs everyone out). Sessions expire `lifetime` after sign-in;
/// at most `capacity` are kept (expired ones go first, then the oldest).
public final class AdminSessionStore: Sendable {
    public static let cookieName = "calsync_session"
    public let lifetime: TimeInterval
    let capacity: Int
    private let sessions = Mutex<[String: AdminSession]>([:])

    public init(lifetime: TimeInterval = 8 * 3600, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// A new session; returns it with the cookie value (`selector.validator`), which is never stored whole.
    public func create(role: Role, now: Date) -> (session: AdminSession, cookie: String) {
        let selector = AdminSession.randomHex(bytes: 16)
        let validator = AdminSession.randomHex(bytes: 32)
        let session = AdminSession(
            selector: selector, validator: Array(validator.utf8), role: role, csrfToken: AdminSession.randomHex(),
            expiresAt: now.addingTimeInterval(lifetime))
        sessions.withLock { all in
            if all.count >= capacity { Self.evict(&all, now: now, keep: capacity - 1) }
            all[selector] = session
        }
        return (session, selector + "." + validator)
    }

    /// The live session a cookie value names, or nil (unknown, wrong validator, expired).
    public func session(cookie: String, now: Date) -> AdminSession? {
        guard let (selector, validator) = Self.split(cookie) else { return nil }
        return sessions.withLock { all in
            guard let found = all[selector] else { return nil }
            guard found.expiresAt > now else {
                all[selector] = nil
                return nil
            }
            return AdminCSRF.constantTimeEquals(found.validator, Array(validator.utf8)) ? found : nil
        }
    }

    public func remove(selector: String) { _ = sessions.withLock { $0.removeValue(forKey: selector) } }

    public func setFlash(_ message: String?, selector: String) {
        sessions.withLock { $0[selector]?.flash = message }
    }

    /// The viewer's zone for times (nil: each page's default).
    public func setTimeZone(_ identifier: String?, selector: String) {
        sessions.withLock { $0[selector]?.timeZone = identifier }
    }

    /// The session's flash message, cleared as it is read.
    public func takeFlash(selector: String) -> String? {
        sessions.withLock { all in
            defer { all[selector]?.flash = nil }
            return all[selector]?.flash
        }
    }

    public var count: Int { sessions.withLock { $0.count } }

    static func split(_ cookie: String) -> (String, String)? {
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 32, parts[1].utf8.count == 64 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    static func evict(_ all: inout [String: AdminSession], now: Date, keep: Int) {
        all = all.filter { $0.value.expiresAt > now }
        guard all.count > keep else { return }
        for (selector, _) in all.sorted(by: { $0.value.expiresAt < $1.value.expiresAt }).prefix(all.count - keep) {
            all[selector] = nil
        }
    }
}
