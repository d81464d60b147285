/// The rest of a `users.list` result behind a `nextPageToken`: where the next page starts in the ordered user list.
struct GoogleUserPage: Sendable {
    var offset: Int
    var orderKey: String
    var descending: Bool
}
