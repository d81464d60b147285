import CalSyncCore
import Foundation

// MARK: - Delta tokens handed out by another emulator process

extension GraphEmulator {
    /// Honours a deltaLink that another emulator process handed out, as Graph keeps its sync state while a client is
    /// stopped and upgraded. For an emulator loaded with a recorded mailbox (a tenant file holding every event as it
    /// was when the link was issued, e.g. `fixtures/upgrade/`): the link's round is taken to have seen the mailbox as
    /// it is now, over `window` (the window the client's first request of the round asked for; the link does not
    /// carry it). The next round on the link then lists only what changed since.
    public func adoptDeltaLink(_ link: String, window: TimeRange) throws {
        guard let components = URLComponents(string: link),
            let token = components.queryItems?.first(where: { $0.name.lowercased() == "$deltatoken" })?.value,
            case let parts = components.path.split(separator: "/").map(String.init),
            let users = parts.firstIndex(where: { $0.lowercased() == "users" }), users + 1 < parts.count,
            parts.last?.lowercased().hasPrefix("delta") == true
        else {
            throw GraphError.invalidRequest("Not a calendarView deltaLink: \(link)")
        }
        let user = try mailboxUser(parts[users + 1])
        let path = components.path.lowercased().hasPrefix("/v1.0/") ? components.path : "/v1.0" + components.path
        state.withLock { state in
            let seen = (state.mailboxes[user.id] ?? Mailbox()).instances(in: window)
            let sync = DeltaCache.SyncState(
                userId: user.id, window: window,
                snapshot: Dictionary(seen.map { ($0.id, $0.fingerprint) }, uniquingKeysWith: { a, _ in a }),
                changeGeneration: state.changeGeneration, path: path, generation: Self.tokenGeneration(token))
            state.delta.insert(token, .state(sync))
        }
    }
}
