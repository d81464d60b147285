import Foundation

/// What an issued access token stands for: the service account, the impersonated user (nil when the account acts as
/// itself) and the granted scopes.
struct GoogleAccessToken: Sendable {
    var clientId: String
    var clientEmail: String
    /// The user's primary e-mail, lower-cased.
    var subject: String?
    var scopes: Set<String>
    var expiresAt: Date
}
