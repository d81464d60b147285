import CalSyncHTTP

/// The rest of an `events.list` result behind a `nextPageToken`: the items not yet sent, computed when the first page
/// was asked for, and the change count the final `nextSyncToken` will stand for, so that changes made while a client
/// pages are reported by the next incremental list (DOC: nothing is lost while paging).
struct GoogleEventPage: Sendable {
    var userId: String
    var remaining: [JSONValue]
    var syncChange: Int
    var singleEvents: Bool
    var usedSyncToken: Bool
}
