/// The calendar systems an integration names in `type`, as the API and the configuration file judge them: those CalSync
/// supports, and those the contract already describes (docs/api.md, "Integrations") that it does not support yet.
/// Each type has its own fields, so a field of another type is named as such.
public enum IntegrationType {
    /// What a `type` is, for the one who gave it.
    public enum Verdict: Sendable, Equatable {
        case supported(String)
        case notSupportedYet(String)
        case unknown
    }

    /// The type of a body or a configuration entry that leaves it out.
    public static let absent = "microsoft365"
    public static let supported = ["microsoft365", "exchange", "google"]
    public static let notSupportedYet: [String] = []

    /// The connection fields of each type (besides name, type, establishments and settings).
    public static let fields: [String: Set<String>] = [
        "microsoft365": ["tenantId", "clientId", "clientSecret", "graphBaseURL", "authorityHost"],
        "exchange": ["ewsURL", "username", "password", "authScheme", "caFile", "serverVersion", "inFlightLimit"],
        "google": ["serviceAccountKey", "adminEmail", "googleBaseURL"],
    ]

    public static func verdict(_ type: String) -> Verdict {
        if supported.contains(type) { return .supported(type) }
        if notSupportedYet.contains(type) { return .notSupportedYet(type) }
        return .unknown
    }

    /// `exchange integrations are not supported yet`
    public static func notSupportedYetMessage(_ type: String) -> String { "\(type) integrations are not supported yet" }

    /// `must be microsoft365 or exchange (google is not supported yet)`
    public static var mustBe: String {
        let types = "must be \(supported.joined(separator: " or "))"
        switch notSupportedYet.count {
        case 0: return types
        case 1: return "\(types) (\(notSupportedYet[0]) is not supported yet)"
        default: return "\(types) (\(notSupportedYet.joined(separator: " and ")) are not supported yet)"
        }
    }

    /// The other type `field` belongs to, if it is a field of another type than `type`.
    public static func otherType(owning field: String, notOf type: String) -> String? {
        guard fields[type]?.contains(field) != true else { return nil }
        return fields.keys.sorted().first { $0 != type && fields[$0]?.contains(field) == true }
    }
}
