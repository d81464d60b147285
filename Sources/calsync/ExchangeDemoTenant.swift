import CalSyncCore
import EWSEmulator
import Foundation

/// The demo's people on an emulated Exchange Server: the same four mailboxes and own items as the Microsoft 365
/// demo tenant (times relative to the emulator's today in each item's zone), and a mailbox-enabled service account
/// (it resolves names itself) holding the ApplicationImpersonation role, its password made up for this run.
struct ExchangeDemoTenant {
    let tenant: EWSTenant
    let password: Secret

    static let username = #"CONTOSO\svc-calsync"#
    /// Ana's mailbox: the one the story edits.
    static let ana = "ana.lopez@contoso.example"

    init() throws {
        password = Secret("Demo-" + UUID().uuidString)
        let json = """
            {
              "netbiosDomain": "CONTOSO", "dnsDomain": "contoso.example", "serverName": "EX01",
              "accountLockoutThreshold": 5,
              "serviceAccounts": [
                { "samAccountName": "svc-calsync", "userPrincipalName": "svc-calsync@contoso.example",
                  "password": "\(password.revealed)", "impersonationScope": "organization",
                  "mailbox": "svc-calsync@contoso.example" }
              ],
              "mailboxes": [
                { "primarySmtpAddress": "svc-calsync@contoso.example", "displayName": "CalSync service account",
                  "timeZone": "UTC" },
                { "primarySmtpAddress": "\(Self.ana)", "displayName": "Ana Lopez",
                  "proxyAddresses": ["SMTP:\(Self.ana)"], "timeZone": "Romance Standard Time",
                  "items": [
                    { "subject": "Team meeting", "start": "D+1T09:00", "end": "D+1T10:00", "legacyFreeBusyStatus": "Busy" },
                    { "subject": "Family holiday", "start": "D+4", "end": "D+6", "isAllDay": true,
                      "legacyFreeBusyStatus": "OOF" },
                    { "subject": "Lunch", "start": "D+2T12:00", "end": "D+2T13:00", "legacyFreeBusyStatus": "Free" }
                  ] },
                { "primarySmtpAddress": "ben.okafor@contoso.example", "displayName": "Ben Okafor",
                  "proxyAddresses": ["SMTP:ben.okafor@contoso.example"], "timeZone": "Pacific Standard Time",
                  "items": [
                    { "subject": "Customer call", "start": "D+2T08:00", "end": "D+2T09:00", "legacyFreeBusyStatus": "Busy" },
                    { "subject": "Budget review", "start": "D+1T15:00", "end": "D+1T16:00", "legacyFreeBusyStatus": "Busy",
                      "isMeeting": true, "myResponseType": "Decline",
                      "organizer": { "name": "Dev Patel", "emailAddress": "dev.patel@contoso.example" } }
                  ] },
                { "primarySmtpAddress": "chloe.martin@contoso.example", "displayName": "Chloé Martin",
                  "proxyAddresses": ["SMTP:chloe.martin@contoso.example", "smtp:c.martin@contoso.example"],
                  "timeZone": "Romance Standard Time",
                  "items": [
                    { "subject": "Conference", "start": "D+3T09:00", "end": "D+3T18:00", "legacyFreeBusyStatus": "Busy" }
                  ] },
                { "primarySmtpAddress": "dev.patel@contoso.example", "displayName": "Dev Patel",
                  "proxyAddresses": ["SMTP:dev.patel@contoso.example"], "timeZone": "UTC",
                  "items": [
                    { "subject": "1:1 with manager", "start": "D+1T10:00", "end": "D+1T10:30", "legacyFreeBusyStatus": "Busy",
                      "recurrence": { "type": "Daily", "interval": 7, "numberOfOccurrences": 4 } }
                  ] }
              ]
            }
            """
        tenant = try EWSTenant(json: Data(json.utf8))
    }
}
