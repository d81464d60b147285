import CalSyncHTTP
import Foundation

/// The Google Workspace domain the emulator serves: its users with their primary calendars, the service accounts
/// (with the public halves of their keys), the domain-wide delegation grants an admin entered in the Admin console
/// (client id → scopes), and who is an administrator. Loaded from a JSON tenant file such as
/// `fixtures/tenants/google-fabrikam.json`.
public struct GoogleTenant: Codable, Sendable {
    /// The primary domain, e.g. `fabrikam.example`.
    public var domain: String
    /// The Workspace customer id (`my_customer` is its alias in Directory calls).
    public var customerId: String
    public var serviceAccounts: [ServiceAccount]
    /// Domain-wide delegation: numeric client id → the scopes authorised for it.
    public var delegation: [String: [String]]
    /// Primary e-mail addresses of the users who may call the Directory API.
    public var admins: [String]
    public var users: [User]

    public init(
        domain: String, customerId: String, serviceAccounts: [ServiceAccount], delegation: [String: [String]],
        admins: [String], users: [User]
    ) {
        self.domain = domain
        self.customerId = customerId
        self.serviceAccounts = serviceAccounts
        self.delegation = delegation
        self.admins = admins
        self.users = users
    }

    public init(json: Data) throws {
        self = try JSONDecoder().decode(GoogleTenant.self, from: json)
    }

    public init(contentsOf path: String) throws {
        try self.init(json: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A service account: the `client_email` and `client_id` of its key files and the public halves of its keys.
    public struct ServiceAccount: Codable, Sendable, Hashable {
        public var clientEmail: String
        public var clientId: String
        public var keys: [Key]

        public init(clientEmail: String, clientId: String, keys: [Key]) {
            self.clientEmail = clientEmail
            self.clientId = clientId
            self.keys = keys
        }
    }

    /// One key of a service account: its `private_key_id` (the JWT header's `kid`) and its public half, as
    /// `BEGIN PUBLIC KEY` PEM or as the X.509 certificate Google publishes.
    public struct Key: Codable, Sendable, Hashable {
        public var keyId: String
        public var publicKey: String

        public init(keyId: String, publicKey: String) {
            self.keyId = keyId
            self.publicKey = publicKey
        }
    }

    /// A Workspace user with a primary calendar.
    public struct User: Codable, Sendable, Hashable {
        /// The Directory user id (numeric text).
        public var id: String
        public var primaryEmail: String
        public var givenName: String?
        public var familyName: String?
        /// Aliases in the primary domain (Directory `aliases`).
        public var aliases: [String]?
        /// Addresses outside the primary domain (Directory `nonEditableAliases`).
        public var nonEditableAliases: [String]?
        /// The primary calendar's time zone (IANA), as `calendars.get` and `events.list` report it.
        public var timeZone: String
        public var suspended: Bool?
        public var archived: Bool?
        /// Calendar-v3-shaped events as the person's own client made them (may also set `id`, `status`,
        /// `organizer`, attendees' `responseStatus`, any `eventType`). Dates may be relative to today in the
        /// calendar's zone: `"date": "@+2"`, `"dateTime": "@-1T09:30:00"` (see `RelativeDate`).
        public var events: [JSONValue]?

        public init(
            id: String, primaryEmail: String, givenName: String? = nil, familyName: String? = nil, aliases: [String]? = nil,
            nonEditableAliases: [String]? = nil, timeZone: String = "UTC", suspended: Bool? = nil, archived: Bool? = nil,
            events: [JSONValue]? = nil
        ) {
            self.id = id
            self.primaryEmail = primaryEmail
            self.givenName = givenName
            self.familyName = familyName
            self.aliases = aliases
            self.nonEditableAliases = nonEditableAliases
            self.timeZone = timeZone
            self.suspended = suspended
            self.archived = archived
            self.events = events
        }

        /// Every address of the user, primary first.
        public var addresses: [String] { [primaryEmail] + (aliases ?? []) + (nonEditableAliases ?? []) }
    }
}
