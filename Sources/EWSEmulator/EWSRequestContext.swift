import CalSyncHTTP
import Foundation

/// Per-request facts the operations need: who is logged on, whom they act as, the schema version and the time zone
/// that dateTimes without an offset are read in.
struct EWSRequestContext: Sendable {
    var request: HTTPRequest
    var soap: SOAPRequest
    var version: EWSVersion
    /// The logged-on service account (lower-cased samAccountName).
    var account: String
    /// The mailbox the request acts as: the impersonated one, else the account's own (nil when it has none).
    var mailbox: EWSTenant.Mailbox?
    var impersonating: Bool
    /// TimeZoneContext's zone, else UTC.
    var timeZone: TimeZone
    var now: Date

    var operation: XMLNode { soap.operation }
}
