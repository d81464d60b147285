import GraphEmulator

/// The directory the sync tests run against.
enum Users {
    static let ana = EmulatorTenant.User(
        id: "u-ana", displayName: "Ana Lopez", mail: "Ana.Lopez@contoso.example", userPrincipalName: "ana@contoso.example",
        proxyAddresses: ["SMTP:Ana.Lopez@contoso.example"], mailboxTimeZone: "Romance Standard Time")
    static let ben = EmulatorTenant.User(
        id: "u-ben", displayName: "Ben Ode", mail: nil, userPrincipalName: "ben@contoso.example",
        mailboxTimeZone: "Pacific Standard Time")
    static let cleo = EmulatorTenant.User(
        id: "u-cleo", displayName: "Cleo Park", mail: "cleo@contoso.example", userPrincipalName: "cleo@contoso.example",
        proxyAddresses: ["SMTP:cleo@contoso.example", "smtp:cleo.alias@contoso.example"], mailboxTimeZone: "UTC")
    static let shared1 = EmulatorTenant.User(
        id: "u-s1", displayName: "Front desk 1", mail: "desk@contoso.example", userPrincipalName: "desk1@contoso.example")
    static let shared2 = EmulatorTenant.User(
        id: "u-s2", displayName: "Front desk 2", mail: "desk@contoso.example", userPrincipalName: "desk2@contoso.example")

    static let all = [ana, ben, cleo, shared1, shared2]
}
