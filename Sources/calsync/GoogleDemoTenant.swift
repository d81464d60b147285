import CalSyncCore
import CalSyncCrypto
import CalSyncGoogle
import CalSyncHTTP
import Foundation
import GoogleEmulator

/// The demo's people as a Google Workspace domain (`calsync demo --provider google`): the same four people and
/// their own events as the Microsoft 365 demo (`DemoTenant`, whose scheduler side it shares), a service account
/// whose key is made for this run only, the delegation granted, and an administrator for the directory.
struct GoogleDemoTenant {
    static let paris = "Europe/Paris"
    static let clientId = "100000000000000000042"
    static let clientEmail = "calsync-demo@contoso-demo.iam.gserviceaccount.com"
    static let admin = "it-admin@contoso.example"

    let tenant: GoogleTenant
    /// The key file's JSON text (a throw-away key; never printed).
    let keyFile: String
    let keyId: String

    /// The key file names Google's token endpoint: with the emulator as `googleBaseURL`, tokens are asked from it.
    init(today: LocalDate) throws {
        let key = try PrivateKey.generateRSA()
        keyId = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let file: JSONValue = .object([
            "type": "service_account", "project_id": "contoso-demo", "private_key_id": .string(keyId),
            "private_key": .string(try key.pkcs8PEM()), "client_email": .string(Self.clientEmail),
            "client_id": .string(Self.clientId), "token_uri": .string(GoogleServiceAccountKey.defaultTokenURI),
            "universe_domain": "googleapis.com",
        ])
        keyFile = file.serialized
        func wall(_ day: Int, _ hour: Int, _ minute: Int = 0) -> String {
            LocalDateTime(date: today.adding(days: day), hour: hour, minute: minute).description
        }
        func event(_ summary: String, _ day: Int, _ from: Int, _ to: Int, zone: String, free: Bool = false) -> JSONValue {
            .object([
                "summary": .string(summary), "transparency": .string(free ? "transparent" : "opaque"),
                "start": .object(["dateTime": .string(wall(day, from)), "timeZone": .string(zone)]),
                "end": .object(["dateTime": .string(wall(day, to)), "timeZone": .string(zone)]),
            ])
        }
        let la = "America/Los_Angeles"
        let holiday: JSONValue = .object([
            "summary": "Family holiday", "start": .object(["date": .string(today.adding(days: 4).description)]),
            "end": .object(["date": .string(today.adding(days: 6).description)]),
        ])
        let declined: JSONValue = .object([
            "summary": "Budget review", "organizer": .object(["email": "cfo@fabrikam.example"]),
            "start": .object(["dateTime": .string(wall(1, 15)), "timeZone": .string(la)]),
            "end": .object(["dateTime": .string(wall(1, 16)), "timeZone": .string(la)]),
            "attendees": .array([
                .object(["email": "ben.okafor@contoso.example", "self": true, "responseStatus": "declined"]),
                .object(["email": "cfo@fabrikam.example", "organizer": true, "responseStatus": "accepted"]),
            ]),
        ])
        let weekly: JSONValue = .object([
            "summary": "1:1 with manager",
            "start": .object(["dateTime": .string(wall(1, 10)), "timeZone": "UTC"]),
            "end": .object(["dateTime": .string(wall(1, 10, 30)), "timeZone": "UTC"]),
            "recurrence": .array(["RRULE:FREQ=WEEKLY;COUNT=4"]),
        ])
        tenant = GoogleTenant(
            domain: "contoso.example", customerId: "C0demo42",
            serviceAccounts: [
                .init(
                    clientEmail: Self.clientEmail, clientId: Self.clientId,
                    keys: [.init(keyId: keyId, publicKey: try key.publicKeyPEM())])
            ],
            delegation: [Self.clientId: [GoogleScope.calendar, GoogleScope.directory]], admins: [Self.admin],
            users: [
                .init(
                    id: "110000000000000000001", primaryEmail: "ana.lopez@contoso.example", givenName: "Ana",
                    familyName: "Lopez", timeZone: Self.paris,
                    events: [
                        event("Team meeting", 1, 9, 10, zone: Self.paris), holiday,
                        event("Lunch", 2, 12, 13, zone: Self.paris, free: true),
                    ]),
                .init(
                    id: "110000000000000000002", primaryEmail: "ben.okafor@contoso.example", givenName: "Ben",
                    familyName: "Okafor", timeZone: la, events: [event("Customer call", 2, 8, 9, zone: la), declined]),
                .init(
                    id: "110000000000000000003", primaryEmail: "chloe.martin@contoso.example", givenName: "Chloé",
                    familyName: "Martin", aliases: ["c.martin@contoso.example"], timeZone: Self.paris,
                    events: [event("Conference", 3, 9, 18, zone: Self.paris)]),
                .init(
                    id: "110000000000000000004", primaryEmail: "dev.patel@contoso.example", givenName: "Dev",
                    familyName: "Patel", timeZone: "UTC", events: [weekly]),
                .init(id: "110000000000000000005", primaryEmail: Self.admin, givenName: "IT", familyName: "Admin"),
            ])
    }

    /// The demo's integration: this key, the administrator for the directory, the emulator as Google.
    func integration(base: String) throws -> Integration {
        let key = try GoogleServiceAccountKey(json: Data(keyFile.utf8))
        return Integration(
            id: "contoso", name: "Contoso (emulated Google Workspace)",
            connection: .google(
                GoogleConnection(
                    serviceAccountKey: Secret(keyFile),
                    serviceAccount: ServiceAccountIdentity(
                        clientEmail: key.clientEmail, clientId: key.clientId, privateKeyId: key.keyId, tokenURI: key.tokenURI),
                    adminEmail: Self.admin, googleBaseURL: base)),
            createdAt: Date())
    }
}
