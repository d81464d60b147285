import CalSyncCore

/// What CalSync stores between `events.list` calls (docs/google.md, "Incremental sync"), inside the engine's opaque
/// `SyncCursor`: the next page of a full listing, the sync token that starts the next round, or the next page of an
/// incremental listing (Google wants the same sync token again with the page token).
enum GoogleSyncCursor: Hashable {
    case fullPage(pageToken: String)
    case sync(syncToken: String)
    case incrementalPage(syncToken: String, pageToken: String)

    private static let prefix = "google1:"

    init?(_ cursor: SyncCursor) {
        guard cursor.value.hasPrefix(Self.prefix) else { return nil }
        let parts = cursor.value.dropFirst(Self.prefix.count).split(separator: " ", omittingEmptySubsequences: false)
            .map(String.init)
        switch (parts.first, parts.count) {
        case ("full", 2) where !parts[1].isEmpty: self = .fullPage(pageToken: parts[1])
        case ("sync", 2) where !parts[1].isEmpty: self = .sync(syncToken: parts[1])
        case ("page", 3) where !parts[1].isEmpty && !parts[2].isEmpty:
            self = .incrementalPage(syncToken: parts[1], pageToken: parts[2])
        default: return nil
        }
    }

    /// Google's tokens are base64url-like and never hold a space.
    var cursor: SyncCursor {
        switch self {
        case .fullPage(let page): SyncCursor(Self.prefix + "full " + page)
        case .sync(let sync): SyncCursor(Self.prefix + "sync " + sync)
        case .incrementalPage(let sync, let page): SyncCursor(Self.prefix + "page " + sync + " " + page)
        }
    }
}
