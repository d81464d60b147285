import Foundation

/// The directory the emulator serves: one tenant, its app registrations and its users with their
/// calendars. Loaded from a JSON tenant file (see `fixtures/tenants/contoso.json`).
public struct EmulatorTenant: Codable, Sendable {
    public var tenantId: String
    /// A verified domain; the token endpoint accepts it in place of the tenant id.
    public var domain: String
    public var apps: [App]
    public var users: [User]

    public init(tenantId: String, domain: String, apps: [App], users: [User]) {
        self.tenantId = tenantId
        self.domain = domain
        self.apps = apps
        self.users = users
    }

    /// Decodes a tenant file's contents.
    public init(json: Data) throws {
        self = try JSONDecoder().decode(EmulatorTenant.self, from: json)
    }

    /// Loads a tenant file.
    public init(contentsOf path: String) throws {
        try self.init(json: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// An app registration with a client secret and the application permissions (app roles)
    /// an admin has consented to. An app with no roles gets tokens without a `roles` claim.
    public struct App: Codable, Sendable, Hashable {
        public var clientId: String
        public var clientSecret: String
        public var roles: [String]

        public init(clientId: String, clientSecret: String, roles: [String]) {
            self.clientId = clientId
            self.clientSecret = clientSecret
            self.roles = roles
        }
    }

    /// A directory user with a mailbox.
    public struct User: Codable, Sendable, Hashable {
        public var id: String
        public var displayName: String
        /// Null for users without a primary SMTP address (then only the UPN identifies them).
        public var mail: String?
        public var userPrincipalName: String
        /// `SMTP:` marks the primary address, `smtp:` the secondaries.
        public var proxyAddresses: [String]
        /// `mailboxSettings.timeZone` as the admin configured it: a Windows name by default, or IANA.
        public var mailboxTimeZone: String
        /// Working hours for `mailboxSettings.workingHours`; Monday–Friday 08:00–17:00 when absent.
        public var workingHours: WorkingHours?
        /// False for a user without an Exchange mailbox: calendar calls answer 404
        /// `MailboxNotEnabledForRESTAPI`. Defaults to true.
        public var hasMailbox: Bool?
        public var givenName: String?
        public var surname: String?
        public var jobTitle: String?
        /// Graph-shaped event JSON (as for `POST /users/{id}/events`, plus the properties only the
        /// organizer's client could set: `responseStatus`, `isCancelled`, `organizer`, `id`).
        public var events: [EmulatorJSON]?

        public init(
            id: String, displayName: String, mail: String?, userPrincipalName: String, proxyAddresses: [String] = [],
            mailboxTimeZone: String = "UTC", workingHours: WorkingHours? = nil, hasMailbox: Bool? = nil,
            givenName: String? = nil, surname: String? = nil, jobTitle: String? = nil, events: [EmulatorJSON]? = nil
        ) {
            self.id = id
            self.displayName = displayName
            self.mail = mail
            self.userPrincipalName = userPrincipalName
            self.proxyAddresses = proxyAddresses
            self.mailboxTimeZone = mailboxTimeZone
            self.workingHours = workingHours
            self.hasMailbox = hasMailbox
            self.givenName = givenName
            self.surname = surname
            self.jobTitle = jobTitle
            self.events = events
        }
    }

    /// `mailboxSettings.workingHours` (times as `HH:MM`, days as Graph's lower-case day names).
    public struct WorkingHours: Codable, Sendable, Hashable {
        public var daysOfWeek: [String]
        public var startTime: String
        public var endTime: String

        public init(daysOfWeek: [String], startTime: String, endTime: String) {
            self.daysOfWeek = daysOfWeek
            self.startTime = startTime
            self.endTime = endTime
        }

        public static let standard = WorkingHours(
            daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], startTime: "08:00", endTime: "17:00")
    }
}
