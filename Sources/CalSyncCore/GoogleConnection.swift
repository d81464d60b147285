/// A Google Workspace domain reached with a service account that the Workspace admin granted domain-wide delegation
/// (docs/google.md).
public struct GoogleConnection: Sendable, Hashable, Codable {
    /// The connection type's name.
    public static let type = "google"
    public static let defaultServiceURL = "https://www.googleapis.com"

    /// The whole JSON key file Google made for the service account (its private key included).
    public var serviceAccountKey: Secret
    /// What admins may see of the key: never the private key.
    public var serviceAccount: ServiceAccountIdentity
    /// An administrator to act as for the directory (aliases match too); nil: each person's address is tried as
    /// their calendar.
    public var adminEmail: String?
    /// The calendar and directory services' base URL (the emulator differs); tokens go to the key's `token_uri`.
    public var googleBaseURL: String

    public init(
        serviceAccountKey: Secret, serviceAccount: ServiceAccountIdentity, adminEmail: String? = nil,
        googleBaseURL: String = GoogleConnection.defaultServiceURL
    ) {
        self.serviceAccountKey = serviceAccountKey
        self.serviceAccount = serviceAccount
        self.adminEmail = adminEmail
        self.googleBaseURL = googleBaseURL
    }
}
