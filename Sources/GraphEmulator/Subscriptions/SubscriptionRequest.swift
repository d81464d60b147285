import CalSyncCore
import Foundation

/// A `POST /subscriptions` body, checked field by field as Graph checks it (docs/microsoft-365.md,
/// "Change notifications (emulator)"). The user key still has to be resolved against the directory.
struct SubscriptionRequest: Sendable {
    static let changeTypes: Set<String> = ["created", "updated", "deleted"]

    let changeType: String
    let notificationUrl: String
    let lifecycleNotificationUrl: String?
    let resource: String
    /// The user id or userPrincipalName named in `resource`.
    let userKey: String
    let expiration: Date
    let clientState: String?
    let latestSupportedTlsVersion: String

    init(_ body: EmulatorJSON, now: Date, settings: SubscriptionSettings) throws(GraphError) {
        guard case .object(let o) = body else { throw GraphError.unreadableBody }
        guard let changeType = o["changeType"]?.stringValue, !changeType.isEmpty else {
            throw Self.missing("changeType")
        }
        let types = changeType.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard types.allSatisfy(Self.changeTypes.contains), Set(types).count == types.count else {
            throw GraphError(
                status: 400, code: "InvalidRequest",
                message: "Invalid changeType '\(changeType)': use created, updated or deleted, separated by commas.")
        }
        self.changeType = changeType
        guard let url = o["notificationUrl"]?.stringValue else { throw Self.missing("notificationUrl") }
        try Self.checkURL(url, field: "notificationUrl", settings: settings)
        notificationUrl = url
        lifecycleNotificationUrl = o["lifecycleNotificationUrl"]?.stringValue
        if let lifecycle = lifecycleNotificationUrl {
            try Self.checkURL(lifecycle, field: "lifecycleNotificationUrl", settings: settings)
        }
        guard let resource = o["resource"]?.stringValue else { throw Self.missing("resource") }
        self.resource = resource
        userKey = try Self.userKey(resource)
        guard let text = o["expirationDateTime"]?.stringValue else {
            throw GraphError(
                status: 400, code: "InvalidRequest",
                message: "expirationDateTime is a required property for subscription creation.")
        }
        expiration = try Self.expiration(text, now: now, settings: settings)
        if let state = o["clientState"], !state.isNull {
            guard let text = state.stringValue, text.count <= 128 else {
                throw GraphError(
                    status: 400, code: "InvalidRequest", message: "clientState must be a string of at most 128 characters.")
            }
            clientState = text
        } else {
            clientState = nil
        }
        latestSupportedTlsVersion = o["latestSupportedTlsVersion"]?.stringValue ?? "v1_2"
    }

    /// The new expiry of a renewal (`PATCH /subscriptions/{id}`), which may change nothing else.
    static func renewal(_ body: EmulatorJSON, now: Date, settings: SubscriptionSettings) throws(GraphError) -> Date {
        guard case .object(let o) = body else { throw GraphError.unreadableBody }
        if let other = o.keys.sorted().first(where: { $0 != "expirationDateTime" && !$0.hasPrefix("@odata.") }) {
            throw GraphError(
                status: 400, code: "InvalidRequest", message: "Only expirationDateTime can be updated; '\(other)' cannot.")
        }
        guard let text = o["expirationDateTime"]?.stringValue else { throw missing("expirationDateTime") }
        return try expiration(text, now: now, settings: settings)
    }

    static func expiration(_ text: String, now: Date, settings: SubscriptionSettings) throws(GraphError) -> Date {
        guard let date = Timestamp.parse(text, requireOffset: false) else {
            throw GraphError(status: 400, code: "InvalidRequest", message: "Cannot read expirationDateTime '\(text)'.")
        }
        guard date > now else {
            throw GraphError(status: 400, code: "ExtensionError", message: "Subscription expiration must be in the future.")
        }
        guard date <= now.addingTimeInterval(Double(settings.maxLifetimeMinutes) * 60) else {
            throw GraphError(
                status: 400, code: "ExtensionError",
                message: "Subscription expiration can only be \(settings.maxLifetimeMinutes) minutes in the future.")
        }
        return date
    }

    /// `users/{id}/events` or `/users/{id}/events` (any case); `me/…` needs a delegated token.
    static func userKey(_ resource: String) throws(GraphError) -> String {
        let parts = resource.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let trimmed = parts.first == "" ? Array(parts.dropFirst()) : parts
        if trimmed.first?.lowercased() == "me" {
            throw GraphError(
                status: 400, code: "BadRequest", message: "/me request is only valid with delegated authentication flow.")
        }
        guard trimmed.count == 3, trimmed[0].lowercased() == "users", !trimmed[1].isEmpty, trimmed[2].lowercased() == "events"
        else {
            throw GraphError(
                status: 400, code: "InvalidRequest",
                message: "Resource '\(resource)' is not supported: subscribe to users/{id}/events.")
        }
        return trimmed[1]
    }

    /// https, or http to a loopback host when the settings allow it.
    static func checkURL(_ text: String, field: String, settings: SubscriptionSettings) throws(GraphError) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host(), !host.isEmpty else {
            throw GraphError(status: 400, code: "InvalidRequest", message: "\(field) '\(text)' is not an absolute URL.")
        }
        if scheme == "https" { return }
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        guard scheme == "http", loopback, settings.allowHTTPOnLoopback else {
            throw GraphError(status: 400, code: "InvalidRequest", message: "\(field) must be an https URL.")
        }
    }

    static func missing(_ field: String) -> GraphError {
        GraphError(status: 400, code: "InvalidRequest", message: "\(field) is a required property for subscription creation.")
    }
}
