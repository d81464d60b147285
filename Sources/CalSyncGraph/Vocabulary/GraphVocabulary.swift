import CalSyncCore
import MicrosoftCalendarKit

/// What CalSync knows of Microsoft 365 without calling it: Graph's and the login service's error codes, the Windows
/// zone names events are written with (so a pushed event's fingerprint covers what Graph received), and how a
/// tenant's connection is named.
public struct GraphVocabulary: ProviderVocabulary {
    let zones: WindowsZones

    public init(zones: WindowsZones = .bundled) {
        self.zones = zones
    }

    public var connectionType: String { Microsoft365Connection.type }

    /// Events are written with Windows zone names where CLDR knows one (`GraphEventPayload`).
    public func fingerprint(of event: OutgoingEvent) -> String {
        event.fingerprint(zoneName: zones.windowsName(for:))
    }

    public func describe(_ connection: Connection) -> String {
        guard let microsoft365 = connection.microsoft365 else { return connection.type }
        return "tenant \(microsoft365.tenantId), client \(microsoft365.clientId), Graph \(microsoft365.graphBaseURL)"
    }

    public func advice(for connection: Connection) -> ConnectionAdvice {
        let base = connection.microsoft365?.graphBaseURL ?? Microsoft365Connection.defaultServiceURL
        return ConnectionAdvice(
            directoryRefused: "User.Read.All is missing or admin consent has not been granted",
            serviceAddress: "check graphBaseURL (\(base)): it should be https://graph.microsoft.com/v1.0 or a national "
                + "cloud's equivalent",
            authenticationFailing: Self.authenticationFailing,
            notAnswering: "the login endpoint or Microsoft Graph is not answering. Check the network, authorityHost and "
                + "graphBaseURL.",
            calendarsRefused: "admin consent missing or an application access policy excludes")
    }

    public var connectionForm: ConnectionForm {
        ConnectionForm(
            typeLabel: "Microsoft 365",
            fields: [
                .init(name: "tenantId", controlId: "tenant", label: "Tenant id or domain", shortLabel: "Tenant"),
                .init(name: "clientId", controlId: "client", label: "Client (application) id", shortLabel: "Client id"),
                .init(name: "clientSecret", controlId: "secret", label: "Client secret", control: .secret),
                .init(
                    name: "graphBaseURL", controlId: "graph", label: "Graph URL", control: .url, isRequired: false,
                    placeholder: Microsoft365Connection.defaultServiceURL),
                .init(
                    name: "authorityHost", controlId: "authority", label: "Login host", control: .url, isRequired: false,
                    placeholder: Microsoft365Connection.defaultAuthorityHost),
            ])
    }

    public func shownSettings(of connection: Connection) -> [String: String] {
        guard let microsoft365 = connection.microsoft365 else { return [:] }
        return [
            "tenantId": microsoft365.tenantId, "clientId": microsoft365.clientId, "graphBaseURL": microsoft365.graphBaseURL,
            "authorityHost": microsoft365.authorityHost,
        ]
    }

    /// The diagnosis when every operation of a Microsoft 365 integration fails on authentication.
    public static let authenticationFailing =
        "all operations fail on authentication: check the client secret, admin consent or the Graph URL"

    /// Graph's and the login service's codes (compared case-insensitively; a token error's code holds several
    /// words, `invalid_client AADSTS7000215`, any of which counts).
    public func kind(ofCode code: String) -> CalendarError.Kind? {
        let words = code.lowercased().split(separator: " ").map(String.init)
        for word in words {
            if Self.credentialCodes.contains(word) || word.hasPrefix("aadsts") { return .credentialsRejected }
        }
        for word in words {
            if let kind = Self.kinds[word] { return kind }
        }
        return nil
    }

    /// The OAuth errors of a refused token request.
    static let credentialCodes: Set<String> = [
        "invalid_client", "unauthorized_client", "invalid_grant", "invalid_resource", "invalid_scope",
    ]

    /// Graph's codes (lower-cased) and CalSync's own codes of the Graph adapter.
    static let kinds: [String: CalendarError.Kind] = [
        "invalidauthenticationtoken": .unauthorized,
        "erroraccessdenied": .permissionMissing, "authorization_requestdenied": .permissionMissing,
        "accessdenied": .permissionMissing,
        "insecureurl": .configuration, "invalidurl": .configuration,
        "mailboxnotenabledforrestapi": .noCalendar,
        "erroritemnotfound": .notFound, "errorinvaliduser": .notFound, "request_resourcenotfound": .notFound,
        "resourcenotfound": .notFound,
        "syncstatenotfound": .cursorExpired, "resyncrequired": .cursorExpired,
        "toomanyrequests": .throttled, "applicationthrottled": .throttled,
        "serviceunavailable": .transient, "generalexception": .transient, "invalidresponse": .transient,
    ]
}
