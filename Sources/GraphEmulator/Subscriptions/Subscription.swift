import Foundation

/// A change-notification subscription to one mailbox's events, as `POST /subscriptions` created it.
struct Subscription: Sendable, Hashable {
    let id: String
    /// The resource as the client wrote it (Graph echoes it).
    let resource: String
    /// The object id of the mailbox whose events are watched.
    let userId: String
    /// `created`, `updated`, `deleted` in the client's order, as the client wrote them.
    let changeType: String
    let notificationUrl: String
    let lifecycleNotificationUrl: String?
    var expiration: Date
    let clientState: String?
    let applicationId: String
    let creatorId: String
    let latestSupportedTlsVersion: String

    var changeTypes: Set<String> {
        Set(changeType.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
    }

    /// The subscription resource as Graph renders it.
    func json(serviceRoot: String?) -> EmulatorJSON {
        var o: [String: EmulatorJSON] = [
            "id": .string(id),
            "resource": .string(resource),
            "applicationId": .string(applicationId),
            "changeType": .string(changeType),
            "clientState": clientState.map { .string($0) } ?? .null,
            "notificationUrl": .string(notificationUrl),
            "notificationQueryOptions": .null,
            "lifecycleNotificationUrl": lifecycleNotificationUrl.map { .string($0) } ?? .null,
            "expirationDateTime": .string(GraphDateFormat.offsetDateTime(expiration)),
            "creatorId": .string(creatorId),
            "includeResourceData": .null,
            "latestSupportedTlsVersion": .string(latestSupportedTlsVersion),
            "encryptionCertificate": .null,
            "encryptionCertificateId": .null,
            "notificationUrlAppId": .null,
            "notificationContentType": "application/json",
        ]
        if let serviceRoot { o["@odata.context"] = .string(serviceRoot + "/$metadata#subscriptions/$entity") }
        return .object(o)
    }
}
